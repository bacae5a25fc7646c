import { METRIC_PREFIX, type MetricsRegistry } from '@polyshop/observability';
import { Counter, Histogram } from 'prom-client';
import type { Consumption, ConsumptionObserver } from './consumption';

/**
 * Metrics of every settled delivery, per subject and durable consumer: how each ended, the
 * redeliveries, the dead letters by reason and the time in the handler. Registered into
 * `ConsumptionObservers` by `MessagingModule`.
 */
export class ConsumptionMetrics implements ConsumptionObserver {
  private readonly consumed: Counter<'subject' | 'consumer' | 'outcome'>;
  private readonly redelivered: Counter<'subject' | 'consumer'>;
  private readonly deadLettered: Counter<'subject' | 'consumer' | 'reason'>;
  private readonly duration: Histogram<'subject' | 'consumer' | 'outcome'>;

  constructor(registry: MetricsRegistry) {
    const registers = [registry];
    this.consumed = new Counter({
      name: `${METRIC_PREFIX}events_consumed_total`,
      help: 'Settled deliveries per subject, durable consumer and outcome (PROCESSED, DUPLICATE, RETRIED, DEAD_LETTERED)',
      labelNames: ['subject', 'consumer', 'outcome'],
      registers,
    });
    this.redelivered = new Counter({
      name: `${METRIC_PREFIX}events_redelivered_total`,
      help: 'Settled deliveries that were not the first attempt, per subject and durable consumer',
      labelNames: ['subject', 'consumer'],
      registers,
    });
    this.deadLettered = new Counter({
      name: `${METRIC_PREFIX}events_dead_lettered_total`,
      help: 'Messages moved to the dead-letter stream, per subject, durable consumer and reason',
      labelNames: ['subject', 'consumer', 'reason'],
      registers,
    });
    this.duration = new Histogram({
      name: `${METRIC_PREFIX}event_handler_duration_seconds`,
      help: 'Time from the start of a delivery to its settlement, per subject, consumer and outcome',
      labelNames: ['subject', 'consumer', 'outcome'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
  }

  observe({ subject, durable: consumer, attempt, outcome, reason, durationMs }: Consumption): void {
    this.consumed.inc({ subject, consumer, outcome });
    this.duration.observe({ subject, consumer, outcome }, durationMs / 1000);
    if (attempt > 1) this.redelivered.inc({ subject, consumer });
    if (outcome === 'DEAD_LETTERED') {
      this.deadLettered.inc({ subject, consumer, reason: reason ?? 'UNKNOWN' });
    }
  }
}
