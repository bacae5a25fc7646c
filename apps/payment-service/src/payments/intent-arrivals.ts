import { Injectable } from '@nestjs/common';

/** A wait for one order's intent; `cancel` when it is no longer needed. */
export interface IntentArrival {
  /** True once the intent was recorded in this process, false after the wait ran out. */
  readonly arrived: Promise<boolean>;
  cancel(): void;
}

/**
 * Lets a charge wait a moment for the intent this process is recording. Inventory answers
 * `order.placed` with `inventory.stock-reserved` faster than payment-service commits the intent
 * from the same `order.placed`, so the reservation usually arrives first (docs/saga.md, races).
 * Waiting for that commit, rather than failing and being redelivered after the retry backoff,
 * keeps the saga's latency at the hop's own. The wait is bounded: an intent recorded by another
 * replica, or one that is late for longer, still comes through the retry.
 */
@Injectable()
export class IntentArrivals {
  private readonly waiting = new Map<string, Set<(arrived: boolean) => void>>();

  /** Starts waiting for `orderId`'s intent, for at most `timeoutMs`. */
  arrival(orderId: string, timeoutMs: number): IntentArrival {
    let settle: (arrived: boolean) => void = () => undefined;
    const arrived = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => settle(false), timeoutMs);
      settle = (value) => {
        clearTimeout(timer);
        this.waiting.get(orderId)?.delete(settle);
        if (this.waiting.get(orderId)?.size === 0) this.waiting.delete(orderId);
        resolve(value);
      };
    });
    const waiters = this.waiting.get(orderId) ?? new Set();
    waiters.add(settle);
    this.waiting.set(orderId, waiters);
    return { arrived, cancel: () => settle(false) };
  }

  /** Says that `orderId`'s intent is committed: whoever waits for it goes on. */
  recorded(orderId: string): void {
    for (const settle of [...(this.waiting.get(orderId) ?? [])]) settle(true);
  }

  /** How many orders have a charge waiting: none once every wait ended (no entry is kept). */
  get size(): number {
    return this.waiting.size;
  }
}
