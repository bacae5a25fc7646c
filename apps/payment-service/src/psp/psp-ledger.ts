import type { PspChargeStatus } from './payment-provider';

/** A charge in the simulator's books; `amount` and `currency` are null for a void. */
export interface PspChargeRecord {
  readonly reference: string;
  readonly idempotencyKey: string;
  readonly status: PspChargeStatus;
  readonly amount: number | null;
  readonly currency: string | null;
}

export interface PspRefundRecord {
  readonly reference: string;
  readonly idempotencyKey: string;
  readonly chargeReference: string;
  readonly amount: number;
}

/**
 * The PSP simulator's own books: what a real provider keeps on its side. Shared by every
 * replica of payment-service (it lives in their database), so an idempotency key means the same
 * on all of them. Each call commits on its own, outside payment-service's transactions, as a
 * remote provider would.
 */
export abstract class PspLedger {
  /** Stores `charge` unless its key has one already; answers the key's charge either way. */
  abstract recordCharge(charge: PspChargeRecord): Promise<PspChargeRecord>;

  abstract findCharge(reference: string): Promise<PspChargeRecord | undefined>;

  /**
   * Stores `refund` unless its key or its charge has one already; answers the stored refund of
   * the key, or undefined when the charge was refunded under another key.
   */
  abstract recordRefund(refund: PspRefundRecord): Promise<PspRefundRecord | undefined>;

  /** The next `count` charge calls with this key fail transiently (tests and chaos runs). */
  abstract scheduleFailures(idempotencyKey: string, count: number): Promise<void>;

  /** Uses up one scheduled failure of the key: true when the call must fail. */
  abstract takeScheduledFailure(idempotencyKey: string): Promise<boolean>;
}
