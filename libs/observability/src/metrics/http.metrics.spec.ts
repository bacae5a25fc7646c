import { HttpMetrics } from './http.metrics';
import { metricValue } from './metric-samples';
import { MetricsRegistry } from './metrics-registry';

describe('HttpMetrics', () => {
  it('times requests per method, route template and status, and pools unmatched paths', async () => {
    const registry = new MetricsRegistry('api-gateway');
    const http = new HttpMetrics(registry);

    http.observe('GET', '/orders/:id', 200, 0.02);
    http.observe('GET', '/orders/:id', 200, 0.3);
    http.observe('GET', undefined, 404, 0.001);

    const text = await registry.metrics();
    const duration = 'polyshop_http_request_duration_seconds';
    const orders = { method: 'GET', route: '/orders/:id', status: '200', service: 'api-gateway' };
    expect(metricValue(text, `${duration}_count`, orders)).toBe(2);
    expect(metricValue(text, `${duration}_bucket`, { ...orders, le: '0.025' })).toBe(1);
    expect(
      metricValue(text, `${duration}_count`, { method: 'GET', route: 'unmatched', status: '404' }),
    ).toBe(1);
  });
});
