import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { probeReadiness, type ReadinessIndicator } from '@polyshop/service-runtime';
import type { NatsConnection } from 'nats';
import { NATS_CONNECTION } from '../nats/nats.constants';
import { ConsumerRegistry } from './consumer-registry';

/**
 * Ready when JetStream answers and every durable consumer of this process exists on the
 * broker; reports each consumer's backlog (pending, awaiting ack, redelivered).
 */
@Injectable()
export class JetStreamHealthIndicator implements ReadinessIndicator {
  constructor(
    @Inject(NATS_CONNECTION) private readonly connection: NatsConnection,
    private readonly registry: ConsumerRegistry,
    private readonly health: HealthIndicatorService,
  ) {}

  isHealthy(): Promise<HealthIndicatorResult> {
    return probeReadiness(this.health, 'jetstream', async () => {
      const jsm = await this.connection.jetstreamManager();
      const consumers: Record<string, unknown> = {};
      for (const { stream, durable } of this.registry.all()) {
        const info = await jsm.consumers.info(stream, durable);
        consumers[durable] = {
          pending: info.num_pending,
          awaitingAck: info.num_ack_pending,
          redelivered: info.num_redelivered,
        };
      }
      return { consumers };
    });
  }
}
