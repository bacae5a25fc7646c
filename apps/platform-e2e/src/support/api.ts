import { randomUUID } from 'node:crypto';
import { readEnvExample, waitFor } from '@polyshop/testing';
import { endpoints } from './endpoints';
import { trackOrder, trackProduct } from './invariants';

export interface ApiResponse<T = unknown> {
  status: number;
  contentType: string;
  headers: Headers;
  body: T;
}

/** RFC 9457 problem details, as the gateway answers every error. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: Array<{ field: string; problems: string[] }>;
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
  const response = await fetch(`${endpoints().gateway}${path}`, {
    method,
    headers,
    body: payload,
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    headers: response.headers,
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
  name?: string,
): Promise<Product> {
  const sku = `E2E-${randomUUID().slice(0, 8).toUpperCase()}`;
  const created = await call<Product>('POST', '/products', {
    token: adminToken,
    body: { sku, name: name ?? `E2E mug ${sku}`, price, currency: 'EUR', initialStock: stock },
  });
  if (created.status !== 201) throw new Error(`create product: ${JSON.stringify(created)}`);
  trackProduct(created.body.id, stock);
  await waitFor(
    () => availabilityOf(created.body.id),
    (available) => available === stock,
    { description: `stock of ${sku} in inventory`, timeoutMs: 20_000 },
  );
  return created.body;
}

/** `availability.available` of `GET /products/:id`; null while inventory is down. */
export async function availabilityOf(productId: string): Promise<number | null> {
  const detail = await call<{ availability: { available: number } | null }>(
    'GET',
    `/products/${productId}`,
  );
  if (detail.status !== 200) throw new Error(`product ${productId}: ${JSON.stringify(detail)}`);
  return detail.body.availability?.available ?? null;
}

export interface OrderView {
  id: string;
  status: string;
  reason: string | null;
  items: Array<{ productId: string; quantity: number; unitPrice: number }>;
  total: number;
  currency: string;
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

/** Polls an order until it shows `status` (e.g. AWAITING_PAYMENT, a non-terminal stage). */
export function reaches(token: string, orderId: string, status: string, timeoutMs = 15_000) {
  return waitFor(
    () => call<OrderView>('GET', `/orders/${orderId}`, { token }),
    (r) => r.status === 200 && r.body.status === status,
    { description: `order ${orderId} ${status}`, timeoutMs },
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
  const placed = await waitFor(
    () =>
      call<OrderView & { code?: string }>('POST', '/orders', {
        token,
        headers,
        body: { items, paymentToken },
      }),
    (r) => r.body?.code !== 'ORDER.UNKNOWN_PRODUCT',
    { description: 'order accepted or refused for a reason other than the replica lag' },
  );
  if (placed.status === 202) trackOrder(placed.body.id);
  return placed;
}

/** Asserts an RFC 9457 answer: status, `application/problem+json`, and the platform's code. */
export function expectProblem(response: ApiResponse<unknown>, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.contentType).toContain('application/problem+json');
  const problem = response.body as Problem;
  expect(problem).toMatchObject({ status, code, type: `https://polyshop.dev/problems/${code}` });
  expect(typeof problem.title).toBe('string');
  return problem;
}
