import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { probeReadiness, type ReadinessIndicator } from '@polyshop/service-runtime';
import type { NatsConnection } from 'nats';
import { NATS_CONNECTION } from './nats.constants';

/** Ready when a PING reaches the broker and its PONG comes back in time. */
@Injectable()
export class NatsHealthIndicator implements ReadinessIndicator {
  constructor(
    @Inject(NATS_CONNECTION) private readonly connection: NatsConnection,
    private readonly health: HealthIndicatorService,
  ) {}

  isHealthy(): Promise<HealthIndicatorResult> {
    return probeReadiness(this.health, 'nats', async () => {
      if (this.connection.isClosed()) throw new Error('connection closed');
      return { rttMs: await this.connection.rtt() };
    });
  }
}
