import { randomUUID } from 'node:crypto';
import { readEnvExample, waitFor } from '@polyshop/testing';
import { APPS } from './platform';

const BASE_URL = `http://127.0.0.1:${APPS['api-gateway'].port}`;

export interface ApiResponse<T = unknown> {
  status: number;
  contentType: string;
  body: T;
}

/** One call to the public API; JSON in, JSON (or problem details) out. */
export async function call<T = Record<string, unknown>>(
  method: string,
  path: string,
  options: {
    token?: string;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const payload =
    options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (payload !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${BASE_URL}${path}`, {
    method,
    headers,
    body: payload,
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: (text ? JSON.parse(text) : undefined) as T,
  };
}

export interface Session {
  id: string;
  email: string;
  token: string;
}

/** Registers a fresh user and logs in. */
export async function newUser(): Promise<Session> {
  const email = `e2e-${randomUUID()}@example.test`;
  const password = 'correct horse battery staple';
  const registered = await call<{ id: string }>('POST', '/auth/register', {
    body: { email, password, name: 'E2E Shopper' },
  });
  if (registered.status !== 201) throw new Error(`register: ${JSON.stringify(registered)}`);
  const login = await call<{ accessToken: string }>('POST', '/auth/login', {
    body: { email, password },
  });
  if (login.status !== 200) throw new Error(`login: ${JSON.stringify(login)}`);
  return { id: registered.body.id, email, token: login.body.accessToken };
}

/** The seeded admin (ADMIN_EMAIL / ADMIN_PASSWORD, local defaults from .env.example). */
export async function admin(): Promise<string> {
  const example = readEnvExample();
  const email = process.env.ADMIN_EMAIL ?? example.get('ADMIN_EMAIL') ?? '';
  const password = process.env.ADMIN_PASSWORD ?? example.get('ADMIN_PASSWORD') ?? '';
  const login = await call<{ accessToken: string }>('POST', '/auth/login', {
    body: { email, password },
  });
  if (login.status !== 200) throw new Error(`admin login: ${JSON.stringify(login)}`);
  return login.body.accessToken;
}

export interface Product {
  id: string;
  sku: string;
  price: number;
  currency: string;
}

/** Creates a product with its initial stock and waits until inventory knows it. */
export async function newProduct(
  adminToken: string,
  stock: number,
  price = 1999,
): Promise<Product> {
  const sku = `E2E-${randomUUID().slice(0, 8).toUpperCase()}`;
  const created = await call<Product>('POST', '/products', {
    token: adminToken,
    body: { sku, name: `E2E mug ${sku}`, price, currency: 'EUR', initialStock: stock },
  });
  if (created.status !== 201) throw new Error(`create product: ${JSON.stringify(created)}`);
  await waitFor(
    () =>
      call<{ availability: { available: number } | null }>('GET', `/products/${created.body.id}`),
    (r) => r.body.availability?.available === stock,
    { description: `stock of ${sku} in inventory`, timeoutMs: 20_000 },
  );
  return created.body;
}

export interface OrderView {
  id: string;
  status: string;
  reason: string | null;
  total: number;
}

const TERMINAL = new Set(['CONFIRMED', 'REJECTED', 'CANCELLED']);

/** Polls an order until it reaches a terminal status. */
export function terminal(token: string, orderId: string, timeoutMs = 30_000) {
  return waitFor(
    () => call<OrderView>('GET', `/orders/${orderId}`, { token }),
    (r) => r.status === 200 && TERMINAL.has(r.body.status),
    { description: `order ${orderId} terminal`, timeoutMs },
  ).then((r) => r.body);
}

/**
 * Places an order. order-service prices from its own replica of the catalogue, fed by events:
 * right after a product is created the replica may not know it yet, so that answer is retried.
 */
export async function placeOrder(
  token: string,
  items: Array<{ productId: string; quantity: number }>,
  paymentToken = 'tok_visa',
  headers: Record<string, string> = {},
) {
  return waitFor(
    () =>
      call<OrderView & { code?: string }>('POST', '/orders', {
        token,
        headers,
        body: { items, paymentToken },
      }),
    (r) => r.body?.code !== 'ORDER.UNKNOWN_PRODUCT',
    { description: 'order accepted or refused for a reason other than the replica lag' },
  );
}
