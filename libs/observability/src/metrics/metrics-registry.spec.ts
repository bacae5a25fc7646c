import perfHooks from 'node:perf_hooks';
import { Counter } from 'prom-client';
import { EVENT_LOOP_SAMPLE_MS, MetricsRegistry } from './metrics-registry';

describe('MetricsRegistry', () => {
  it("labels every sample with the app's name and includes Node's process metrics", async () => {
    const registry = new MetricsRegistry('payment-service');
    new Counter({ name: 'polyshop_things_total', help: 'things', registers: [registry] }).inc(2);

    const text = await registry.metrics();

    expect(text).toContain('polyshop_things_total{service="payment-service"} 2');
    expect(text).toMatch(/^process_cpu_user_seconds_total\{service="payment-service"\} /m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds\{service="payment-service"\} /m);
  });

  it('samples the event-loop delay every EVENT_LOOP_SAMPLE_MS, not every 10 ms', () => {
    const monitor = jest.spyOn(perfHooks, 'monitorEventLoopDelay');
    try {
      new MetricsRegistry('order-service');

      expect(monitor).toHaveBeenCalledWith({ resolution: EVENT_LOOP_SAMPLE_MS });
      expect(EVENT_LOOP_SAMPLE_MS).toBeGreaterThan(10);
    } finally {
      monitor.mockRestore();
    }
  });

  it('keeps apps of one process apart', async () => {
    const [a, b] = [new MetricsRegistry('a'), new MetricsRegistry('b')];
    a.collectFailures.inc({ collector: 'x' });

    expect(await a.metrics()).toContain(
      'polyshop_metrics_collect_failures_total{collector="x",service="a"} 1',
    );
    expect(await b.metrics()).not.toContain('collector="x"');
  });
});
