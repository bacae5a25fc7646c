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
  /** Roots of the process trees whose CPU counts for this system (its processes and stores). */
  pids(): Promise<number[]>;
  stop(): Promise<void>;
}

/** The order placed as order `n`: one line, round-robin over users and products. */
export function orderBody(fixtures: Fixtures, n: number) {
  const user = fixtures.users[n % fixtures.users.length];
  const product = fixtures.products[n % fixtures.products.length];
  return {
    token: user.token,
    body: { items: [{ productId: product.id, quantity: 1 }], paymentToken: 'tok_visa' },
  };
}
