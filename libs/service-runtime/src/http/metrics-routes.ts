import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { HttpMetrics, MetricsRegistry } from '@polyshop/observability';

/** Where every app serves its Prometheus metrics. */
export const METRICS_PATH = '/metrics';

/**
 * Times every HTTP request (Fastify's `onResponse`, by route template) and serves the app's
 * registry at `GET /metrics` as a plain Fastify route: outside Nest, so no guard, rate limit or
 * interceptor applies to scrapes and the gateway's OpenAPI document never lists it.
 */
export function serveMetrics(app: NestFastifyApplication): void {
  const registry = app.get(MetricsRegistry);
  const http = new HttpMetrics(registry);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onResponse', (request, reply, done) => {
    http.observe(
      request.method,
      request.routeOptions.url,
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    done();
  });
  fastify.get(METRICS_PATH, async (_request, reply) => {
    const text = await registry.metrics();
    return reply.header('content-type', registry.contentType).send(text);
  });
}
