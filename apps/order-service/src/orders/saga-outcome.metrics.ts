import { Injectable } from '@nestjs/common';
import { METRIC_PREFIX, MetricsRegistry } from '@polyshop/observability';
import { Counter, Histogram } from 'prom-client';
import { isTerminal } from './domain/order-state-machine';
import type { AppliedTransition } from './transition-order.use-case';

/**
 * How sagas end: orders reaching CONFIRMED, REJECTED or CANCELLED per status and reason, and the
 * time from placement to that end. Recorded once the transaction of the transition committed, so
 * a rolled-back one never counts.
 */
@Injectable()
export class SagaOutcomeMetrics {
  private readonly outcomes: Counter<'status' | 'reason'>;
  private readonly duration: Histogram<'status'>;

  constructor(registry: MetricsRegistry) {
    this.outcomes = new Counter({
      name: `${METRIC_PREFIX}saga_outcomes_total`,
      help: 'Orders that reached a terminal status, per status and reason (NONE for CONFIRMED)',
      labelNames: ['status', 'reason'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: `${METRIC_PREFIX}saga_duration_seconds`,
      help: "Time from an order's placement to its terminal status, per status",
      labelNames: ['status'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      registers: [registry],
    });
  }

  /** Call after the commit of the transaction that applied `transitions`. */
  recordCommitted(transitions: readonly AppliedTransition[]): void {
    const now = Date.now();
    for (const { order, rule } of transitions) {
      if (!isTerminal(rule.to)) continue;
      this.outcomes.inc({ status: rule.to, reason: rule.reason ?? 'NONE' });
      this.duration.observe(
        { status: rule.to },
        Math.max(0, now - order.createdAt.getTime()) / 1000,
      );
    }
  }
}
