import { GatewayHarness } from '../testing/gateway-harness';

interface Operation {
  summary?: string;
  security?: Array<Record<string, string[]>>;
  responses: Record<string, { content?: Record<string, unknown> }>;
}
type OpenApiDocument = { openapi: string; paths: Record<string, Record<string, Operation>> };

/** DESIGN.md section 3, plus the gateway's own liveness and readiness. */
const PUBLIC_ROUTES = [
  'POST /auth/register',
  'POST /auth/login',
  'GET /products',
  'GET /products/{id}',
  'GET /health',
  'GET /health/live',
  'GET /health/ready',
];
const SIGNED_IN_ROUTES = [
  'GET /users/me',
  'POST /products',
  'PATCH /products/{id}',
  'PUT /inventory/{productId}',
  'POST /orders',
  'GET /orders',
  'GET /orders/{id}',
  'POST /orders/{id}/cancel',
  'GET /orders/{id}/timeline',
  'GET /admin/orders',
  'GET /admin/saga-stats',
  'GET /admin/dead-letters',
  'POST /admin/dead-letters/{service}/{sequence}/replay',
];

describe('OpenAPI', () => {
  let gateway: GatewayHarness;
  let document: OpenApiDocument;
  const operations = () =>
    Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        route: `${method.toUpperCase()} ${path}`,
        operation,
      })),
    );

  beforeAll(async () => {
    gateway = await GatewayHarness.start();
    const answer = await gateway.request<OpenApiDocument>('GET', '/docs-json');
    expect(answer.status).toBe(200);
    document = answer.body;
  });

  afterAll(() => gateway?.stop());

  it('lists every route of the public API, and nothing else', () => {
    expect(document.openapi).toMatch(/^3\./);
    expect(
      operations()
        .map((o) => o.route)
        .sort(),
    ).toEqual([...PUBLIC_ROUTES, ...SIGNED_IN_ROUTES].sort());
  });

  it('asks for the bearer token exactly on the routes that need one', () => {
    const secured = operations()
      .filter(({ operation }) => (operation.security ?? []).some((s) => 'bearer' in s))
      .map((o) => o.route);

    expect(secured.sort()).toEqual([...SIGNED_IN_ROUTES].sort());
  });

  it('describes each route of the API and documents its errors as problem details', () => {
    const ours = operations().filter((o) => !o.route.startsWith('GET /health/'));

    for (const { route, operation } of ours) {
      const errors = Object.entries(operation.responses).filter(
        ([status]) => Number(status) >= 400,
      );
      expect({ route, summary: typeof operation.summary }).toEqual({ route, summary: 'string' });
      expect({ route, errors: errors.length > 0 }).toEqual({ route, errors: true });
      for (const [status, response] of errors) {
        expect({ route, status, types: Object.keys(response.content ?? {}) }).toEqual({
          route,
          status,
          types: ['application/problem+json'],
        });
      }
    }
  });

  it('serves Swagger UI at /docs with its assets', async () => {
    const page = await fetch(`${gateway.baseUrl}/docs`);
    const html = await page.text();
    const script = await fetch(`${gateway.baseUrl}/docs/swagger-ui-bundle.js`);

    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toContain("url: '/docs-json'");
    expect(script.status).toBe(200);
    expect((await script.text()).length).toBeGreaterThan(100_000);
  });
});
