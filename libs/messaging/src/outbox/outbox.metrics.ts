import { METRIC_PREFIX, type MetricsRegistry } from '@polyshop/observability';
import { withTimeout } from '@polyshop/service-runtime';
import { Counter, Gauge, Histogram } from 'prom-client';
import type { RelayObserver } from './outbox-relay.options';
import type { OutboxBacklog, OutboxStore } from './outbox-store';

/** Longest a scrape waits for the outbox's backlog before answering without it. */
export const BACKLOG_COLLECT_TIMEOUT_MS = 2_000;

/**
 * The outbox's metrics: what the relay published, per subject, as it happens, and the backlog
 * (entries waiting and the oldest one's age) read from the store at scrape time, bounded by
 * `BACKLOG_COLLECT_TIMEOUT_MS` so that a store outage never stalls a scrape.
 */
export class OutboxMetrics implements RelayObserver {
  private readonly publishedEvents: Counter<'subject'>;
  private readonly duplicates: Counter<'subject'>;
  private readonly failures: Counter<'subject'>;
  private readonly lag: Histogram<'subject'>;
  private readonly backlogCount: Gauge;
  private readonly oldestAge: Gauge;
  /** The read of the scrape under way, shared by both backlog gauges. */
  private reading: Promise<void> | null = null;

  constructor(
    private readonly registry: MetricsRegistry,
    private readonly store: Pick<OutboxStore, 'backlog'>,
  ) {
    const registers = [registry];
    this.publishedEvents = new Counter({
      name: `${METRIC_PREFIX}outbox_events_published_total`,
      help: 'Events the outbox relay published and the broker acknowledged, per subject',
      labelNames: ['subject'],
      registers,
    });
    this.duplicates = new Counter({
      name: `${METRIC_PREFIX}outbox_broker_duplicates_total`,
      help: 'Of the published events, those the broker already had (Nats-Msg-Id seen), per subject',
      labelNames: ['subject'],
      registers,
    });
    this.failures = new Counter({
      name: `${METRIC_PREFIX}outbox_publish_failures_total`,
      help: 'Publish attempts of the outbox relay that failed (retried later), per subject',
      labelNames: ['subject'],
      registers,
    });
    this.lag = new Histogram({
      name: `${METRIC_PREFIX}outbox_publish_lag_seconds`,
      help: "Time from an event's append to the outbox to the broker's acknowledgement",
      labelNames: ['subject'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    });
    const refresh = () => this.refreshBacklog();
    this.backlogCount = new Gauge({
      name: `${METRIC_PREFIX}outbox_backlog_events`,
      help: 'Outbox entries not published yet (read at scrape time)',
      registers,
      collect: refresh,
    });
    this.oldestAge = new Gauge({
      name: `${METRIC_PREFIX}outbox_oldest_unpublished_age_seconds`,
      help: 'Age of the oldest unpublished outbox entry; 0 when there is none (read at scrape time)',
      registers,
      collect: refresh,
    });
  }

  published(event: { subject: string }, duplicate: boolean, lagMs: number): void {
    const labels = { subject: event.subject };
    this.publishedEvents.inc(labels);
    if (duplicate) this.duplicates.inc(labels);
    this.lag.observe(labels, Math.max(0, lagMs) / 1000);
  }

  failed(event: { subject: string }): void {
    this.failures.inc({ subject: event.subject });
  }

  private refreshBacklog(): Promise<void> {
    this.reading ??= this.readBacklog().finally(() => {
      this.reading = null;
    });
    return this.reading;
  }

  private async readBacklog(): Promise<void> {
    let backlog: OutboxBacklog;
    try {
      backlog = await withTimeout(
        this.store.backlog(),
        BACKLOG_COLLECT_TIMEOUT_MS,
        'outbox backlog',
      );
    } catch {
      // Unknown rather than stale (or a reassuring 0); the failure is counted.
      this.backlogCount.set(Number.NaN);
      this.oldestAge.set(Number.NaN);
      this.registry.collectFailures.inc({ collector: 'outbox_backlog' });
      return;
    }
    this.backlogCount.set(backlog.count);
    this.oldestAge.set(
      backlog.oldestAppendedAt === null
        ? 0
        : Math.max(0, Date.now() - backlog.oldestAppendedAt) / 1000,
    );
  }
}
