import { collectDefaultMetrics, Counter, Registry } from 'prom-client';

/** Prefix of every metric Polyshop defines (the default process metrics keep their names). */
export const METRIC_PREFIX = 'polyshop_';

/**
 * How often the event-loop delay behind `nodejs_eventloop_lag_*` is sampled. prom-client's
 * default, 10 ms, wakes every idle app 100 times a second; ten samples a second still give a
 * scrape interval's percentiles, and cut the apps' CPU at rest by about a quarter
 * (docs/benchmarks.md).
 */
export const EVENT_LOOP_SAMPLE_MS = 100;

/**
 * The Prometheus registry of one app: its own metrics plus Node's default process metrics,
 * every sample labelled `service`. One per app instance, never prom-client's global registry,
 * so that several apps in one process (tests) keep apart.
 */
export class MetricsRegistry extends Registry {
  /**
   * Collections at scrape time that failed or ran out of time, per collector: the scrape answers
   * without their figures rather than late or not at all.
   */
  readonly collectFailures: Counter<'collector'>;

  constructor(readonly service: string) {
    super();
    this.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this, eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS });
    this.collectFailures = new Counter({
      name: `${METRIC_PREFIX}metrics_collect_failures_total`,
      help: 'Scrape-time collections that failed or overran their time bound, per collector',
      labelNames: ['collector'],
      registers: [this],
    });
  }
}
