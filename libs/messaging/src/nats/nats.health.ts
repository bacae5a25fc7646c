import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import {
  errorMessage,
  READINESS_TIMEOUT_MS,
  withTimeout,
  type ReadinessIndicator,
} from '@polyshop/service-runtime';
import type { NatsConnection } from 'nats';
import { NATS_CONNECTION } from './nats.constants';

/**
 * Ready when a PING reaches the broker and its PONG comes back in time. A reconnecting
 * connection buffers the PING, so the timeout is what turns an outage into `down`.
 */
@Injectable()
export class NatsHealthIndicator implements ReadinessIndicator {
  constructor(
    @Inject(NATS_CONNECTION) private readonly connection: NatsConnection,
    private readonly health: HealthIndicatorService,
  ) {}

  async isHealthy(): Promise<HealthIndicatorResult> {
    const indicator = this.health.check('nats');
    if (this.connection.isClosed()) return indicator.down({ message: 'connection closed' });
    try {
      const rttMs = await withTimeout(this.connection.rtt(), READINESS_TIMEOUT_MS, 'NATS PING');
      return indicator.up({ rttMs });
    } catch (error) {
      return indicator.down({ message: errorMessage(error) });
    }
  }
}
