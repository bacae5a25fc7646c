import { randomUUID } from 'node:crypto';
import { PAYMENT_TOKENS } from '@polyshop/contracts';
import { waitFor } from '@polyshop/testing';

/**
 * Smoke scenarios against a deployed platform, through its public API only: every app ready, an
 * account, the admin's product, an order confirmed, one declined and one out of stock, and an
 * error answered as problem details. For a containerised or Kubernetes deployment, where the
 * system suite (apps/platform-e2e) needs direct access to the stores.
 */
export interface SmokeOptions {
  gateway: string;
  adminEmail: string;
  adminPassword: string;
  log: (line: string) => void;
}

interface Answer<T> {
  status: number;
  contentType: string;
  body: T;
}

type Order = { id: string; status: string; reason: string | null; total: number };

export async function smoke({
  gateway,
  adminEmail,
  adminPassword,
  log,
}: SmokeOptions): Promise<void> {
  const call = async <T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<Answer<T>> => {
    const response = await fetch(`${gateway}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body: (text ? JSON.parse(text) : undefined) as T,
    };
  };
  const expectStatus = <T>(what: string, answer: Answer<T>, status: number): T => {
    if (answer.status !== status) {
      throw new Error(
        `${what}: expected ${status}, got ${answer.status} ${JSON.stringify(answer.body)}`,
      );
    }
    return answer.body;
  };
  const step = async <T>(name: string, action: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    const result = await action();
    log(`  ok  ${name} (${Date.now() - started} ms)`);
    return result;
  };

  log(`smoke scenarios against ${gateway}`);
  await step('GET /health: the gateway and the five services ready', () =>
    waitFor(
      () => call<{ ready: boolean }>('GET', '/health'),
      (answer) => answer.status === 200 && answer.body.ready,
      { description: 'GET /health 200', timeoutMs: 180_000, intervalMs: 1_000 },
    ),
  );

  const email = `smoke-${randomUUID()}@example.test`;
  const password = 'correct horse battery staple';
  const token = await step('register, log in and read the profile back', async () => {
    expectStatus(
      'register',
      await call('POST', '/auth/register', { email, password, name: 'Smoke' }),
      201,
    );
    const login = await call<{ accessToken: string }>('POST', '/auth/login', { email, password });
    const { accessToken } = expectStatus('login', login, 200);
    const me = expectStatus(
      'GET /users/me',
      await call<{ email: string }>('GET', '/users/me', undefined, accessToken),
      200,
    );
    if (me.email !== email) throw new Error(`GET /users/me answered ${me.email}, not ${email}`);
    return accessToken;
  });

  const sku = `SMOKE-${randomUUID().slice(0, 8).toUpperCase()}`;
  const product = await step(
    'the admin creates a product with 5 in stock, found by search',
    async () => {
      const login = await call<{ accessToken: string }>('POST', '/auth/login', {
        email: adminEmail,
        password: adminPassword,
      });
      const admin = expectStatus('admin login', login, 200).accessToken;
      const created = await call<{ id: string }>(
        'POST',
        '/products',
        { sku, name: `Smoke mug ${sku}`, price: 1250, currency: 'EUR', initialStock: 5 },
        admin,
      );
      const { id } = expectStatus('create product', created, 201);
      await waitFor(
        () => call<{ availability: { available: number } | null }>('GET', `/products/${id}`),
        (answer) => answer.status === 200 && answer.body.availability?.available === 5,
        { description: `stock of ${sku}`, timeoutMs: 30_000 },
      );
      const found = expectStatus(
        'search',
        await call<{ items: Array<{ id: string }> }>('GET', `/products?q=${sku}`),
        200,
      );
      if (!found.items.some((item) => item.id === id))
        throw new Error(`GET /products?q=${sku} misses ${id}`);
      return id;
    },
  );

  const order = async (quantity: number, paymentToken: string): Promise<Order> => {
    const placed = await waitFor(
      () =>
        call<Order & { code?: string }>(
          'POST',
          '/orders',
          { items: [{ productId: product, quantity }], paymentToken },
          token,
        ),
      // order-service prices from its replica of the catalogue, fed by events: it may lag.
      (answer) => answer.body?.code !== 'ORDER.UNKNOWN_PRODUCT',
      { description: 'order accepted', timeoutMs: 30_000 },
    );
    const { id } = expectStatus('place order', placed, 202);
    const final = await waitFor(
      () => call<Order>('GET', `/orders/${id}`, undefined, token),
      (answer) =>
        answer.status === 200 &&
        ['CONFIRMED', 'REJECTED', 'CANCELLED'].includes(answer.body.status),
      { description: `order ${id} terminal`, timeoutMs: 60_000 },
    );
    return final.body;
  };
  const expectOrder = (actual: Order, status: string, reason: string | null) => {
    if (actual.status !== status || actual.reason !== reason) {
      throw new Error(
        `order ${actual.id}: expected ${status}/${reason}, got ${actual.status}/${actual.reason}`,
      );
    }
  };
  const available = async () =>
    (await call<{ availability: { available: number } }>('GET', `/products/${product}`)).body
      .availability.available;

  await step('an order of 2 paid with tok_visa is CONFIRMED, 3 left', async () => {
    const confirmed = await order(2, PAYMENT_TOKENS.CHARGED);
    expectOrder(confirmed, 'CONFIRMED', null);
    if (confirmed.total !== 2 * 1250) throw new Error(`total ${confirmed.total}, not ${2 * 1250}`);
    await waitFor(available, (left) => left === 3, { description: '3 available' });
  });
  await step(
    'a declined payment CANCELLED with PAYMENT_DECLINED, its stock given back',
    async () => {
      expectOrder(await order(1, PAYMENT_TOKENS.DECLINED), 'CANCELLED', 'PAYMENT_DECLINED');
      await waitFor(available, (left) => left === 3, { description: '3 available again' });
    },
  );
  await step('an order for more than the stock REJECTED with OUT_OF_STOCK', async () => {
    expectOrder(await order(10, PAYMENT_TOKENS.CHARGED), 'REJECTED', 'OUT_OF_STOCK');
  });
  await step('a bad request answered 401 as problem details', async () => {
    const answer = await call<{ code: string }>('POST', '/orders', { items: [] });
    expectStatus('order without token', answer, 401);
    if (!answer.contentType.includes('application/problem+json')) {
      throw new Error(`401 answered as ${answer.contentType}`);
    }
  });
  log('smoke scenarios passed');
}
