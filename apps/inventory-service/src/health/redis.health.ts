import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import {
  errorMessage,
  READINESS_TIMEOUT_MS,
  withTimeout,
  type ReadinessIndicator,
} from '@polyshop/service-runtime';
import type Redis from 'ioredis';
import { REDIS } from '../redis/redis.constants';

@Injectable()
export class RedisHealthIndicator implements ReadinessIndicator {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly health: HealthIndicatorService,
  ) {}

  async isHealthy(): Promise<HealthIndicatorResult> {
    const indicator = this.health.check('redis');
    try {
      await withTimeout(this.redis.ping(), READINESS_TIMEOUT_MS, 'Redis PING');
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: errorMessage(error) });
    }
  }
}
