import type {
  DeadLetterList,
  IssuedToken,
  OrderStatus,
  OrderTimeline,
  OrderView,
  Page,
  PaymentToken,
  PlatformHealth,
  Product,
  ReplayedDeadLetter,
  SagaStats,
} from './api.types';

/** A failed call: the gateway's problem details, or what went wrong before any answer. */
export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the gateway could not be reached. */
    readonly status: number,
    /** The platform's code (`ORDER.NOT_FOUND`), `NETWORK` or `UNEXPECTED_ANSWER`. */
    readonly code: string,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'ApiError';
  }
}

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  fetch: Fetch;
  /** The access token to send, if signed in. */
  token: () => string | null;
  /** Told when the gateway refuses the token (expired): the session is over. */
  onUnauthorized: () => void;
}

const isProblem = (body: unknown): body is { code: string; detail?: string; title?: string } =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as { code?: unknown }).code === 'string';

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(
      response.status,
      'UNEXPECTED_ANSWER',
      `${response.status} ${response.statusText}: not JSON`,
    );
  }
}

/** The gateway's API as the console calls it: JSON in and out, problem details as `ApiError`. */
export function createApiClient({ fetch, token, onUnauthorized }: ApiClientOptions) {
  async function call(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const current = token();
    if (current !== null) headers.authorization = `Bearer ${current}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new ApiError(0, 'NETWORK', `The gateway did not answer: ${String(error)}`);
    }
  }

  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await call(method, path, body);
    const json = await readJson(response);
    if (response.ok) return json as T;
    if (response.status === 401 && token() !== null) onUnauthorized();
    if (isProblem(json)) {
      throw new ApiError(response.status, json.code, json.detail ?? json.title ?? json.code);
    }
    throw new ApiError(
      response.status,
      'UNEXPECTED_ANSWER',
      `${response.status} ${response.statusText}`,
    );
  }

  return {
    login: (email: string, password: string) =>
      request<IssuedToken>('POST', '/auth/login', { email, password }),
    /** The first 100 products, or those whose name or SKU match `q`. */
    products: (q = '') =>
      request<Page<Product>>(
        'GET',
        `/products?limit=100${q === '' ? '' : `&q=${encodeURIComponent(q)}`}`,
      ),
    placeOrder: (
      items: Array<{ productId: string; quantity: number }>,
      paymentToken: PaymentToken,
    ) => request<{ id: string; status: OrderStatus }>('POST', '/orders', { items, paymentToken }),
    myOrders: () => request<Page<OrderView>>('GET', '/orders?limit=100'),
    allOrders: (status: OrderStatus | null) =>
      request<Page<OrderView>>(
        'GET',
        `/admin/orders?limit=100${status === null ? '' : `&status=${status}`}`,
      ),
    timeline: (orderId: string) =>
      request<OrderTimeline>('GET', `/orders/${encodeURIComponent(orderId)}/timeline`),
    /** Readiness of every app: answered with 503 (and the same report) when one is not ready. */
    health: async (): Promise<PlatformHealth> => {
      const response = await call('GET', '/health');
      const json = await readJson(response);
      const report = json as Partial<PlatformHealth> | undefined;
      if (typeof report?.services !== 'object' || report.services === null) {
        throw new ApiError(response.status, 'UNEXPECTED_ANSWER', 'GET /health: no services');
      }
      return { ready: report.ready === true, services: report.services };
    },
    sagaStats: () => request<SagaStats>('GET', '/admin/saga-stats'),
    deadLetters: () => request<DeadLetterList>('GET', '/admin/dead-letters'),
    replay: (service: string, sequence: number) =>
      request<ReplayedDeadLetter>(
        'POST',
        `/admin/dead-letters/${encodeURIComponent(service)}/${sequence}/replay`,
      ),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
