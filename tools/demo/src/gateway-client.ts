export interface Reply<T> {
  status: number;
  body: T;
}

/** A minimal JSON client of the public API. */
export class GatewayClient {
  constructor(private readonly baseUrl: string) {}

  async call<T>(method: string, path: string, body?: unknown, token?: string): Promise<Reply<T>> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }
}
