import { Injectable } from '@nestjs/common';
import { MongooseHealthIndicator, type HealthIndicatorResult } from '@nestjs/terminus';
import { READINESS_TIMEOUT_MS, type ReadinessIndicator } from '@polyshop/service-runtime';

@Injectable()
export class DatabaseHealthIndicator implements ReadinessIndicator {
  constructor(private readonly mongoose: MongooseHealthIndicator) {}

  isHealthy(): Promise<HealthIndicatorResult> {
    return this.mongoose.pingCheck('mongodb', { timeout: READINESS_TIMEOUT_MS });
  }
}
