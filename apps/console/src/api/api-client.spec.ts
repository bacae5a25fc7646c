import { ApiError, createApiClient } from './api-client';

interface Call {
  path: string;
  init: RequestInit;
}

/** A fetch answering `status` with `body` (a string as is, anything else as JSON). */
function fakeFetch(status: number, body: unknown, calls: Call[] = []) {
  return (path: string, init: RequestInit) => {
    calls.push({ path, init });
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return Promise.resolve(new Response(status === 204 ? null : text, { status }));
  };
}

const problem = (status: number, code: string, detail: string) => ({
  type: `https://polyshop.dev/problems/${code}`,
  title: 'title',
  status,
  code,
  detail,
});

function client(fetch: ReturnType<typeof fakeFetch>, token: string | null = 'jwt') {
  const unauthorized = jest.fn();
  const api = createApiClient({ fetch, token: () => token, onUnauthorized: unauthorized });
  return { api, unauthorized };
}

describe('the console API client', () => {
  it('sends the bearer token and a JSON body, and returns the JSON answer', async () => {
    const calls: Call[] = [];
    const { api } = client(fakeFetch(202, { id: 'o-1', status: 'PENDING' }, calls));
    await expect(api.placeOrder([{ productId: 'p-1', quantity: 2 }], 'tok_visa')).resolves.toEqual({
      id: 'o-1',
      status: 'PENDING',
    });
    expect(calls).toHaveLength(1);
    expect(calls[0].path).toBe('/orders');
    expect(calls[0].init.method).toBe('POST');
    expect(calls[0].init.headers).toMatchObject({
      authorization: 'Bearer jwt',
      'content-type': 'application/json',
    });
    expect(JSON.parse(calls[0].init.body as string)).toEqual({
      items: [{ productId: 'p-1', quantity: 2 }],
      paymentToken: 'tok_visa',
    });
  });

  it('turns problem details into an ApiError with the platform code and detail', async () => {
    const { api } = client(fakeFetch(404, problem(404, 'ORDER.NOT_FOUND', 'No order o-9')));
    const error = await api.timeline('o-9').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, code: 'ORDER.NOT_FOUND', detail: 'No order o-9' });
  });

  it('ends the session when the gateway refuses the token', async () => {
    const { api, unauthorized } = client(
      fakeFetch(401, problem(401, 'AUTH.UNAUTHENTICATED', 'Token expired')),
    );
    await expect(api.myOrders()).rejects.toMatchObject({ code: 'AUTH.UNAUTHENTICATED' });
    expect(unauthorized).toHaveBeenCalledTimes(1);
  });

  it('does not end a session that does not exist: a failed login is just an error', async () => {
    const { api, unauthorized } = client(
      fakeFetch(401, problem(401, 'AUTH.INVALID_CREDENTIALS', 'Wrong email or password')),
      null,
    );
    await expect(api.login('a@b.c', 'nope')).rejects.toMatchObject({
      status: 401,
      detail: 'Wrong email or password',
    });
    expect(unauthorized).not.toHaveBeenCalled();
  });

  it('reports an answer that is not JSON (a proxy error page) as UNEXPECTED_ANSWER', async () => {
    const { api } = client(fakeFetch(502, '<html>Bad Gateway</html>'));
    await expect(api.products()).rejects.toMatchObject({ status: 502, code: 'UNEXPECTED_ANSWER' });
  });

  it('reports an unreachable gateway as NETWORK with status 0', async () => {
    const { api } = client(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(api.sagaStats()).rejects.toMatchObject({ status: 0, code: 'NETWORK' });
  });

  it('reads the readiness report from a 503 of GET /health as well as from a 200', async () => {
    const services = {
      'api-gateway': { ready: true },
      'payment-service': { ready: false, reason: 'connection refused' },
    };
    const down = client(
      fakeFetch(503, { ...problem(503, 'SERVICE.UNAVAILABLE', 'x'), ready: false, services }),
    );
    await expect(down.api.health()).resolves.toEqual({ ready: false, services });
    const up = client(
      fakeFetch(200, { ready: true, services: { 'api-gateway': { ready: true } } }),
    );
    await expect(up.api.health()).resolves.toMatchObject({ ready: true });
    const broken = client(fakeFetch(500, problem(500, 'INTERNAL.ERROR', 'boom')));
    await expect(broken.api.health()).rejects.toMatchObject({ code: 'UNEXPECTED_ANSWER' });
  });

  it('asks for one status or one search only when chosen, and escapes what it puts in the URL', async () => {
    const calls: Call[] = [];
    const { api } = client(fakeFetch(200, { items: [], total: 0 }, calls));
    await api.allOrders(null);
    await api.allOrders('CANCELLED');
    await api.replay('payment-service', 42);
    await api.products('mug & cup');
    expect(calls.map((c) => c.path)).toEqual([
      '/admin/orders?limit=100',
      '/admin/orders?limit=100&status=CANCELLED',
      '/admin/dead-letters/payment-service/42/replay',
      '/products?limit=100&q=mug%20%26%20cup',
    ]);
  });
});
