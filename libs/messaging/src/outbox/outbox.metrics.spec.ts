import { metricValue, MetricsRegistry } from '@polyshop/observability';
import type { OutgoingEvent } from '../publishing/outgoing-event';
import { BACKLOG_COLLECT_TIMEOUT_MS, OutboxMetrics } from './outbox.metrics';
import type { OutboxBacklog } from './outbox-store';

const event = (subject: string): OutgoingEvent => ({
  id: 'e',
  subject,
  payload: '{}',
  headers: {},
});

describe('OutboxMetrics', () => {
  let registry: MetricsRegistry;

  beforeEach(() => {
    registry = new MetricsRegistry('order-service');
  });

  it('counts what the relay published per subject, the duplicates and failures, and the lag', async () => {
    const metrics = new OutboxMetrics(registry, {
      backlog: () => Promise.resolve({ count: 0, oldestAppendedAt: null }),
    });

    metrics.published(event('order.placed.v1'), false, 40);
    metrics.published(event('order.placed.v1'), true, 60);
    metrics.published(event('order.cancelled.v1'), false, 5);
    metrics.failed(event('order.placed.v1'));

    const text = await registry.metrics();
    const placed = { subject: 'order.placed.v1' };
    expect(metricValue(text, 'polyshop_outbox_events_published_total', placed)).toBe(2);
    expect(metricValue(text, 'polyshop_outbox_broker_duplicates_total', placed)).toBe(1);
    expect(metricValue(text, 'polyshop_outbox_publish_failures_total', placed)).toBe(1);
    expect(metricValue(text, 'polyshop_outbox_publish_lag_seconds_sum', placed)).toBeCloseTo(0.1);
    expect(metricValue(text, 'polyshop_outbox_publish_lag_seconds_count')).toBe(3);
  });

  it('reads the backlog and the age of its oldest entry once per scrape', async () => {
    const backlog = jest.fn(() =>
      Promise.resolve<OutboxBacklog>({ count: 7, oldestAppendedAt: Date.now() - 90_000 }),
    );
    new OutboxMetrics(registry, { backlog });

    const text = await registry.metrics();

    expect(metricValue(text, 'polyshop_outbox_backlog_events')).toBe(7);
    expect(metricValue(text, 'polyshop_outbox_oldest_unpublished_age_seconds')).toBeCloseTo(90, 0);
    expect(backlog).toHaveBeenCalledTimes(1);
  });

  it('answers a scrape with an unknown backlog when the store does not answer in time', async () => {
    jest.useFakeTimers();
    try {
      new OutboxMetrics(registry, { backlog: () => new Promise<OutboxBacklog>(() => undefined) });

      const scrape = registry.metrics();
      await jest.advanceTimersByTimeAsync(BACKLOG_COLLECT_TIMEOUT_MS);
      const text = await scrape;

      // prom-client writes NaN as `Nan`, which Prometheus reads (case-insensitively) as NaN.
      expect(text).toMatch(/^polyshop_outbox_backlog_events\{service="order-service"\} nan$/im);
      // Counted for the next scrape: this one read the counter before the collection gave up.
      const failures = await registry.collectFailures.get();
      expect(failures.values).toEqual([
        expect.objectContaining({ labels: { collector: 'outbox_backlog' }, value: 1 }),
      ]);
    } finally {
      jest.useRealTimers();
    }
  });
});
