import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { probeReadiness, type ReadinessIndicator } from '@polyshop/service-runtime';
import type Redis from 'ioredis';
import { REDIS } from '../redis/redis.constants';

@Injectable()
export class RedisHealthIndicator implements ReadinessIndicator {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly health: HealthIndicatorService,
  ) {}

  isHealthy(): Promise<HealthIndicatorResult> {
    return probeReadiness(this.health, 'redis', async () => {
      await this.redis.ping();
    });
  }
}
