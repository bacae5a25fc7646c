import { Injectable } from '@nestjs/common';
import { TypeOrmHealthIndicator, type HealthIndicatorResult } from '@nestjs/terminus';
import { READINESS_TIMEOUT_MS, type ReadinessIndicator } from '@polyshop/service-runtime';

@Injectable()
export class DatabaseHealthIndicator implements ReadinessIndicator {
  constructor(private readonly typeorm: TypeOrmHealthIndicator) {}

  isHealthy(): Promise<HealthIndicatorResult> {
    return this.typeorm.pingCheck('postgres', { timeout: READINESS_TIMEOUT_MS });
  }
}
