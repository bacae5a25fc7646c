import type { HealthIndicatorResult } from '@nestjs/terminus';

/** One dependency that must answer for the service to be ready (its store, NATS, ...). */
export interface ReadinessIndicator {
  isHealthy(): Promise<HealthIndicatorResult>;
}

export const READINESS_INDICATORS = Symbol('READINESS_INDICATORS');

/** How long a readiness probe waits for one dependency before calling it down. */
export const READINESS_TIMEOUT_MS = 1_500;
