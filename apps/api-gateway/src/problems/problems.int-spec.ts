import { HTTP_BODY_LIMIT_BYTES, MAX_PATH_PARAM_LENGTH } from '@polyshop/service-runtime';
import { waitFor } from '@polyshop/testing';
import { maxHeaderSize } from 'node:http';
import { expectProblem, GatewayHarness, TEST_RPC_TIMEOUT_MS } from '../testing/gateway-harness';
import { MAX_JSON_DEPTH } from '../validation/json-body-parser';

const ada = { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada' };

const nestedArrays = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;
const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

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

  it.each([
    ['2 000 nested arrays', nestedArrays(2_000)],
    ['5 000 nested objects', nestedObjects(5_000)],
  ])(
    'answers 400 VALIDATION.FAILED for a password of %s, deeper than the limit, calling no service',
    async (_, password) => {
      const answer = await gateway.request('POST', '/auth/login', {
        rawBody: `{"email":"ada@example.com","password":${password}}`,
      });

      const problem = expectProblem(answer, 400, 'VALIDATION.FAILED');
      expect(problem.errors).toEqual([
        {
          field: expect.stringMatching(/^password\./) as string,
          problems: [`nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep`],
        },
      ]);
      expect(gateway.fakes.callsOf('rpc.users.login')).toHaveLength(0);
    },
  );

  it('answers 400 VALIDATION.FAILED for a product body of 1 313 nested arrays', async () => {
    const answer = await gateway.request('POST', '/products', {
      rawBody: nestedArrays(1_313),
      token: gateway.userWith('admin').token,
    });

    expectProblem(answer, 400, 'VALIDATION.FAILED');
    expect(gateway.fakes.callsOf('rpc.products.create')).toHaveLength(0);
  });

  it('validates a body nested up to the limit against its DTO as any other', async () => {
    const answer = await gateway.request('POST', '/auth/login', {
      rawBody: `{"email":"ada@example.com","password":${nestedArrays(MAX_JSON_DEPTH - 1)}}`,
    });

    const problem = expectProblem(answer, 400, 'VALIDATION.FAILED');
    expect(problem.errors?.map((error) => error.field)).toEqual(['password']);
    expect(problem.detail).not.toContain('levels deep');
  });

  it.each([
    ['/auth/login', 'rpc.users.login', { password: '12345678' }],
    ['/auth/register', 'rpc.users.register', { password: '12345678', name: 'Ada' }],
  ] as const)(
    'answers %s with 400 VALIDATION.FAILED naming the email for a lone surrogate in it',
    async (path, pattern, rest) => {
      const answer = await gateway.request('POST', path, {
        body: { email: '\ud800@example.test', ...rest },
      });

      const problem = expectProblem(answer, 400, 'VALIDATION.FAILED');
      expect(problem.errors).toEqual([
        { field: 'email', problems: ['must not contain a lone UTF-16 surrogate'] },
      ]);
      expect(gateway.fakes.callsOf(pattern)).toHaveLength(0);
    },
  );

  it.each([
    ['a path that is not percent-encoded UTF-8', '/orders/%ED%A0%80', {}, 400, 'REQUEST.REJECTED'],
    ['a broken percent-encoding', '/products/%zz', {}, 400, 'REQUEST.REJECTED'],
    [
      'an id longer than any id',
      `/products/${'a'.repeat(MAX_PATH_PARAM_LENGTH + 1)}`,
      {},
      400,
      'VALIDATION.FAILED',
    ],
    [
      'headers over the limit',
      '/products',
      { 'x-padding': 'k'.repeat(maxHeaderSize) },
      431,
      'REQUEST.HEADERS_TOO_LARGE',
    ],
  ])(
    'answers %s, refused before routing, with problem details too',
    async (_, path, headers, status, code) => {
      const answer = await gateway.request('GET', path, { headers });

      expectProblem(answer, status, code);
    },
  );

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
