import { setTimeout as delay } from 'node:timers/promises';
import { errorMessage } from '@polyshop/service-runtime';
import { call, type OrderView, type Product, type Session } from '../support/api';
import { TERMINAL, trackOrder } from '../support/invariants';
import type { Action, RunPlan } from './plan';

/** What one run's shoppers work with. */
export interface Pools {
  shoppers: Session[];
  /** Products with little stock that every shopper competes for. */
  hot: Product[];
  normal: Product[];
}

/** What the load saw from the outside: accepted orders, and refusals by cause. */
export class LoadStats {
  accepted = 0;
  cancelRequests = 0;
  /** Refusals by HTTP status or `network` (gateway down or paused past the timeout). */
  readonly refused = new Map<string, number>();

  refuse(cause: string): void {
    this.refused.set(cause, (this.refused.get(cause) ?? 0) + 1);
  }

  get refusedTotal(): number {
    return [...this.refused.values()].reduce((sum, n) => sum + n, 0);
  }
}

/** Pause between two actions of one shopper, so the load stays a shop's and not a flood. */
const THINK_MS = 40;

const PAYMENT_TOKENS = { declined: 'tok_chargeDeclined', accepted: 'tok_visa' } as const;

/** One attempt at `POST /orders`, no retry: an accepted order is tracked for the checker. */
async function order(shopper: Session, product: Product, quantity: number, paymentToken: string) {
  const placed = await call<OrderView>('POST', '/orders', {
    token: shopper.token,
    body: { items: [{ productId: product.id, quantity }], paymentToken },
  });
  if (placed.status === 202) trackOrder(placed.body.id);
  return placed;
}

async function act(action: Action, shopper: Session, pools: Pools, stats: LoadStats) {
  const pool = action.kind === 'contend' ? pools.hot : pools.normal;
  const product = pool[action.product % pool.length];
  const token = action.kind === 'decline' ? PAYMENT_TOKENS.declined : PAYMENT_TOKENS.accepted;
  const placed = await order(shopper, product, action.quantity, token);
  if (placed.status !== 202) return stats.refuse(String(placed.status));
  stats.accepted++;
  if (action.kind !== 'cancel') return;
  await delay(action.cancelAfterMs);
  stats.cancelRequests++;
  // 202 while it could still be cancelled, 409 once terminal: both are fine here.
  await call('POST', `/orders/${placed.body.id}/cancel`, { token: shopper.token });
}

/**
 * Every shopper takes its planned actions one after the other until `until`: orders that
 * succeed, compete for little stock, are declined or cancelled. Whatever fails (gateway down,
 * a 503 during an outage) is counted and the shopper goes on.
 */
export async function runLoad(plan: RunPlan, pools: Pools, until: number, stats: LoadStats) {
  await Promise.all(
    plan.shoppers.map(async (actions, i) => {
      const shopper = pools.shoppers[i % pools.shoppers.length];
      for (let n = 0; Date.now() < until; n++) {
        try {
          await act(actions[n % actions.length], shopper, pools, stats);
        } catch (error) {
          stats.refuse(
            /fetch failed|aborted|timeout/i.test(errorMessage(error)) ? 'network' : 'error',
          );
        }
        await delay(THINK_MS);
      }
    }),
  );
}

/** The canary's outcome: how long from a fault's end until an order went all the way through. */
export interface Recovery {
  ms: number;
  status: string;
}

/**
 * Places one order on the canary product as soon as the gateway takes it and waits for its
 * terminal status: the time since `healedAt` is the platform's recovery time from that fault.
 */
export async function measureRecovery(
  canary: { shopper: Session; product: Product },
  healedAt: number,
  timeoutMs = 120_000,
): Promise<Recovery> {
  const deadline = healedAt + timeoutMs;
  let orderId: string | undefined;
  while (Date.now() < deadline) {
    try {
      if (orderId === undefined) {
        const placed = await order(canary.shopper, canary.product, 1, PAYMENT_TOKENS.accepted);
        if (placed.status === 202) orderId = placed.body.id;
      } else {
        const order = await call<OrderView>('GET', `/orders/${orderId}`, {
          token: canary.shopper.token,
        });
        if (order.status === 200 && TERMINAL.has(order.body.status)) {
          return { ms: Date.now() - healedAt, status: order.body.status };
        }
      }
    } catch {
      // The gateway or a service is still coming back: ask again.
    }
    await delay(100);
  }
  return {
    ms: Date.now() - healedAt,
    status: orderId === undefined ? 'NOT ACCEPTED' : 'NOT TERMINAL',
  };
}
