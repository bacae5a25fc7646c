import { metricValue, MetricsRegistry } from '@polyshop/observability';
import type { Consumption } from './consumption';
import { ConsumptionMetrics } from './consumption.metrics';

const delivery = (overrides: Partial<Consumption>): Consumption => ({
  service: 'inventory-service',
  subject: 'order.placed.v1',
  durable: 'inventory-order-placed-v1',
  attempt: 1,
  outcome: 'PROCESSED',
  durationMs: 12,
  ...overrides,
});

describe('ConsumptionMetrics', () => {
  it('counts deliveries per outcome, redeliveries and dead letters per reason, and times them', async () => {
    const registry = new MetricsRegistry('inventory-service');
    const metrics = new ConsumptionMetrics(registry);

    metrics.observe(delivery({}));
    metrics.observe(delivery({ attempt: 2, outcome: 'DUPLICATE', durationMs: 3 }));
    metrics.observe(delivery({ outcome: 'RETRIED', detail: 'db down' }));
    metrics.observe(delivery({ attempt: 2, outcome: 'PROCESSED' }));
    metrics.observe(delivery({ outcome: 'DEAD_LETTERED', reason: 'INVALID_DATA', durationMs: 0 }));

    const text = await registry.metrics();
    const consumer = { subject: 'order.placed.v1', consumer: 'inventory-order-placed-v1' };
    const consumed = (outcome: string) =>
      metricValue(text, 'polyshop_events_consumed_total', { ...consumer, outcome });
    expect(['PROCESSED', 'DUPLICATE', 'RETRIED', 'DEAD_LETTERED'].map(consumed)).toEqual([
      2, 1, 1, 1,
    ]);
    expect(metricValue(text, 'polyshop_events_redelivered_total', consumer)).toBe(2);
    expect(
      metricValue(text, 'polyshop_events_dead_lettered_total', {
        ...consumer,
        reason: 'INVALID_DATA',
      }),
    ).toBe(1);
    expect(
      metricValue(text, 'polyshop_event_handler_duration_seconds_sum', {
        ...consumer,
        outcome: 'PROCESSED',
      }),
    ).toBeCloseTo(0.024);
  });
});
