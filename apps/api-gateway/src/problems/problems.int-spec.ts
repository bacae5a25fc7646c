import { HTTP_BODY_LIMIT_BYTES } from '@polyshop/service-runtime';
import { waitFor } from '@polyshop/testing';
import { expectProblem, GatewayHarness, TEST_RPC_TIMEOUT_MS } from '../testing/gateway-harness';

const ada = { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada' };

describe('errors at the HTTP edge are problem details', () => {
  let gateway: GatewayHarness;

  beforeAll(async () => {
    gateway = await GatewayHarness.start();
  });

  afterAll(() => gateway?.stop());

  it('answers 413 REQUEST.TOO_LARGE for a body over the limit, before any service is called', async () => {
    const huge = JSON.stringify({ ...ada, name: 'x'.repeat(HTTP_BODY_LIMIT_BYTES) });

    const answer = await gateway.request('POST', '/auth/register', { rawBody: huge });

    expectProblem(answer, 413, 'REQUEST.TOO_LARGE');
    expect(gateway.fakes.callsOf('rpc.users.register')).toHaveLength(0);
  });

  it('answers 400 VALIDATION.FAILED for a body that is not JSON', async () => {
    const answer = await gateway.request('POST', '/auth/register', { rawBody: '{"email":' });

    expectProblem(answer, 400, 'VALIDATION.FAILED');
  });

  it('answers 400 VALIDATION.FAILED for a JSON body that is not an object', async () => {
    const answer = await gateway.request('POST', '/auth/login', { body: ['ada@example.com'] });

    expectProblem(answer, 400, 'VALIDATION.FAILED');
  });

  it('answers 400 for a body trying to set __proto__', async () => {
    const answer = await gateway.request('POST', '/auth/login', {
      rawBody: '{"email":"ada@example.com","password":"x","__proto__":{"admin":true}}',
    });

    expectProblem(answer, 400, 'VALIDATION.FAILED');
  });

  it('answers 415 REQUEST.UNSUPPORTED_MEDIA_TYPE for a body that is not sent as JSON', async () => {
    const answer = await gateway.request('POST', '/auth/login', {
      rawBody: 'email=ada@example.com',
      headers: { 'content-type': 'text/plain' },
    });

    expectProblem(answer, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 404 ROUTE.NOT_FOUND for a route that does not exist', async () => {
    const answer = await gateway.request('GET', '/carts/mine');

    const problem = expectProblem(answer, 404, 'ROUTE.NOT_FOUND');
    expect(problem.instance).toBe('/carts/mine');
  });

  it('answers 500 INTERNAL.ERROR, revealing nothing, when a service handler fails', async () => {
    await gateway.fakes.answer('rpc.users.login', () => ({ fail: 'connection pool exhausted' }));

    const answer = await gateway.request('POST', '/auth/login', {
      body: { email: ada.email, password: ada.password },
    });

    const problem = expectProblem(answer, 500, 'INTERNAL.ERROR');
    expect(JSON.stringify(problem)).not.toContain('pool');
  });

  it('maps a code this build does not know with the status the service sent', async () => {
    await gateway.fakes.reply('rpc.users.login', {
      code: 'USER.LOCKED',
      message: 'Too many failed logins',
      status: 423,
    });

    const answer = await gateway.request('POST', '/auth/login', {
      body: { email: ada.email, password: ada.password },
    });

    const problem = expectProblem(answer, 423, 'USER.LOCKED');
    expect(problem.detail).toBe('Too many failed logins');
  });

  it('carries the correlation id of the request in the problem', async () => {
    const answer = await gateway.request('GET', '/products/not-an-id', {
      headers: { 'x-correlation-id': 'support-ticket-42' },
    });

    expect(expectProblem(answer, 400, 'VALIDATION.FAILED').correlationId).toBe('support-ticket-42');
  });

  it('answers the correlation id it started in x-correlation-id and in the problem', async () => {
    await gateway.fakes.down('rpc.products.list');

    const answer = await gateway.request('GET', '/products');

    const problem = expectProblem(answer, 503, 'SERVICE.UNAVAILABLE');
    expect(answer.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(problem.correlationId).toBe(answer.headers.get('x-correlation-id'));
  });

  it('answers 503 within the RPC deadline while the broker is unreachable, and recovers', async () => {
    await gateway.fakes.reply('rpc.products.list', { items: [], total: 0 });
    gateway.natsLink.cut();
    try {
      const start = performance.now();
      const answer = await gateway.request('GET', '/products');

      expectProblem(answer, 503, 'SERVICE.UNAVAILABLE');
      expect(performance.now() - start).toBeLessThan(TEST_RPC_TIMEOUT_MS + 1_000);
    } finally {
      gateway.natsLink.restore();
    }
    const back = await waitFor(
      () => gateway.request('GET', '/products'),
      (answer) => answer.status === 200,
      { description: 'the gateway reconnected to NATS' },
    );
    expect(back.body).toEqual({ items: [], total: 0 });
  });
});
