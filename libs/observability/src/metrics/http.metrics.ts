import { Histogram } from 'prom-client';
import { METRIC_PREFIX, type MetricsRegistry } from './metrics-registry';

/** The route label of requests no route matched: their paths are unbounded. */
export const UNMATCHED_ROUTE = 'unmatched';

/** Duration of HTTP requests per method, route template (`/orders/:id`) and status code. */
export class HttpMetrics {
  private readonly duration: Histogram<'method' | 'route' | 'status'>;

  constructor(registry: MetricsRegistry) {
    this.duration = new Histogram({
      name: `${METRIC_PREFIX}http_request_duration_seconds`,
      help: 'HTTP request duration, per method, route template and status code',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  }

  /** `route` is the matched route's template, `undefined` when none matched. */
  observe(method: string, route: string | undefined, status: number, seconds: number): void {
    this.duration.observe(
      { method, route: route ?? UNMATCHED_ROUTE, status: String(status) },
      seconds,
    );
  }
}
