import type { HttpClient } from '../load/http-client';
import type { Placement } from '../load/open-loop';
import type { SystemName } from '../report/model';

/** An order's terminal state and when the store (or the last hop) recorded it (epoch ms). */
export interface Terminal {
  status: string;
  at: number;
}

/** Users and products every system serves, seeded once through S's public API. */
export interface Fixtures {
  users: Array<{ id: string; email: string; token: string }>;
  products: Array<{ id: string; price: number; currency: string }>;
}

/** One of the systems measured: how to start it, load it, read its sagas and its processes. */
export interface BenchSystem {
  readonly name: SystemName;
  readonly label: string;
  /** Places order `n` over the public HTTP API (happy path). */
  place(n: number): Promise<Placement>;
  /** The terminal orders among `orderIds`. */
  terminals(orderIds: readonly string[]): Promise<Map<string, Terminal>>;
  /**
   * Roots of the process trees whose CPU counts for this system (its processes and stores),
   * by name.
   */
  pids(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/**
 * Places order `n` (`orderBody`) with `POST /orders` on `http`, as its user; accepted when the
 * system answers `acceptedStatus` with the order's id.
 */
export async function placeOrder(
  http: HttpClient,
  fixtures: Fixtures,
  n: number,
  acceptedStatus: number,
): Promise<Placement> {
  const { token, body } = orderBody(fixtures, n);
  const answer = await http.send('POST', '/orders', body, { authorization: `Bearer ${token}` });
  const id = (answer.body as { id?: string } | undefined)?.id;
  return answer.status === acceptedStatus && id !== undefined
    ? { status: answer.status, orderId: id }
    : { status: answer.status };
}

/** The order placed as order `n`: one line, round-robin over users and products. */
function orderBody(fixtures: Fixtures, n: number) {
  const user = fixtures.users[n % fixtures.users.length];
  const product = fixtures.products[n % fixtures.products.length];
  return {
    token: user.token,
    body: { items: [{ productId: product.id, quantity: 1 }], paymentToken: 'tok_visa' },
  };
}
