import { metricFamilies, metricValue } from '@polyshop/observability';
import { admin, call, newProduct, newUser, placeOrder, terminal } from './support/api';
import { APP_NAMES, e2ePlatform, gatewayUrl, platformMode, type AppName } from './support/platform';

/** What every app exports: Node's process metrics and its HTTP latency. */
const EVERY_APP = ['process_cpu_user_seconds_total', 'polyshop_http_request_duration_seconds'];

/** What every service with an outbox and consumers exports besides (the gateway has neither). */
const EVERY_SERVICE = [
  'polyshop_outbox_events_published_total',
  'polyshop_outbox_broker_duplicates_total',
  'polyshop_outbox_publish_failures_total',
  'polyshop_outbox_publish_lag_seconds',
  'polyshop_outbox_backlog_events',
  'polyshop_outbox_oldest_unpublished_age_seconds',
  'polyshop_events_consumed_total',
  'polyshop_events_redelivered_total',
  'polyshop_events_dead_lettered_total',
  'polyshop_event_handler_duration_seconds',
  'polyshop_consumer_pending_messages',
  'polyshop_consumer_ack_pending_messages',
];

/** A deployed platform's apps are reached through its gateway only. */
const reachable: readonly AppName[] = platformMode() === 'external' ? ['api-gateway'] : APP_NAMES;

const urlOf = (app: AppName) => (app === 'api-gateway' ? gatewayUrl() : e2ePlatform.url(app));

async function scrape(app: AppName): Promise<{ status: number; type: string; text: string }> {
  const response = await fetch(`${urlOf(app)}/metrics`, { signal: AbortSignal.timeout(10_000) });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    text: await response.text(),
  };
}

describe('Prometheus metrics of every app', () => {
  const scraped = new Map<AppName, string>();

  beforeAll(async () => {
    const shopper = await newUser();
    const product = await newProduct(await admin(), 5, 990);
    const placed = await placeOrder(shopper.token, [{ productId: product.id, quantity: 1 }]);
    expect(await terminal(shopper.token, placed.body.id)).toMatchObject({ status: 'CONFIRMED' });
    for (const app of reachable) {
      const { status, type, text } = await scrape(app);
      expect({ app, status, type }).toEqual({
        app,
        status: 200,
        type: expect.stringMatching(/^text\/plain; version=0\.0\.4/) as string,
      });
      scraped.set(app, text);
    }
  });

  it.each(reachable)('%s answers GET /metrics with its families, labelled with its name', (app) => {
    const text = scraped.get(app) ?? '';
    const expected = app === 'api-gateway' ? EVERY_APP : [...EVERY_APP, ...EVERY_SERVICE];

    expect(expected.filter((family) => !metricFamilies(text).includes(family))).toEqual([]);
    expect(metricValue(text, 'process_start_time_seconds', { service: app })).toBeGreaterThan(0);
  });

  it('counts the order on its way: the request, the events published and consumed, the outcome', () => {
    const at = (app: AppName) => scraped.get(app) ?? '';
    expect(
      metricValue(at('api-gateway'), 'polyshop_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/orders',
        status: '202',
      }),
    ).toBeGreaterThanOrEqual(1);
    // The services behind a deployed platform's gateway cannot be scraped from here.
    if (platformMode() === 'external') return;
    const consumed = (app: AppName, subject: string) =>
      metricValue(at(app), 'polyshop_events_consumed_total', { subject, outcome: 'PROCESSED' });
    const counts = {
      'order.placed.v1 published by order-service': metricValue(
        at('order-service'),
        'polyshop_outbox_events_published_total',
        { subject: 'order.placed.v1' },
      ),
      'order.placed.v1 processed by inventory-service': consumed(
        'inventory-service',
        'order.placed.v1',
      ),
      'inventory.stock-reserved.v1 processed by payment-service': consumed(
        'payment-service',
        'inventory.stock-reserved.v1',
      ),
      'payment.succeeded.v1 processed by order-service': consumed(
        'order-service',
        'payment.succeeded.v1',
      ),
      'CONFIRMED orders': metricValue(at('order-service'), 'polyshop_saga_outcomes_total', {
        status: 'CONFIRMED',
      }),
    };
    expect(Object.entries(counts).filter(([, count]) => count < 1)).toEqual([]);
  });

  it("is left out of the gateway's OpenAPI document", async () => {
    const docs = await call<{ paths: Record<string, unknown> }>('GET', '/docs-json');

    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).not.toContain('/metrics');
  });
});
