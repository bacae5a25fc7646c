import type { PaymentFailureReason } from '@polyshop/contracts';

/**
 * Where one order's payment stands (see docs/architecture.md, payment-service):
 *
 * - `PENDING`: the intent is known (amount, token), no charge recorded. With
 *   `chargeAttempts > 0` an attempt reached the PSP and gave its claim back to be retried.
 * - `CHARGING`: a worker claimed it and is asking the PSP (lease in `claimedUntil`).
 * - `CHARGED`, `DECLINED`, `FAILED`: the charge's outcome.
 * - `CANCELLED`: the order was cancelled before anything was charged; never charged later.
 * - `REFUNDING`: a worker claimed the refund of a charge; `REFUNDED`: the money went back.
 */
export const PAYMENT_STATUSES = [
  'PENDING',
  'CHARGING',
  'CHARGED',
  'DECLINED',
  'FAILED',
  'CANCELLED',
  'REFUNDING',
  'REFUNDED',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** A payment as stored, keyed by its order. */
export interface Payment {
  readonly orderId: string;
  readonly paymentId: string;
  readonly status: PaymentStatus;
  /** Null only for a cancellation that arrived before the intent (a tombstone). */
  readonly amount: number | null;
  readonly currency: string | null;
  /** The PSP token: not PII, but never logged. */
  readonly paymentToken: string | null;
  /** The PSP's charge reference, once a charge was asked for. */
  readonly pspReference: string | null;
  readonly failureReason: PaymentFailureReason | null;
  /** How many times a worker claimed the charge (1 unless retried). */
  readonly chargeAttempts: number;
  readonly claimedBy: string | null;
  readonly claimedUntil: Date | null;
  /** Set when the order was cancelled while a charge was in flight: its worker compensates. */
  readonly cancelRequestedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What a charge needs: present on every payment but a tombstone. */
export interface PaymentIntent {
  readonly amount: number;
  readonly currency: string;
  readonly paymentToken: string;
}

/** The intent of a payment; throws for a tombstone, which nothing may charge. */
export function intentOf(payment: Payment): PaymentIntent {
  const { amount, currency, paymentToken } = payment;
  if (amount === null || currency === null || paymentToken === null) {
    throw new Error(`payment of order ${payment.orderId} has no intent`);
  }
  return { amount, currency, paymentToken };
}

/** How long a worker's claim on a charge or refund holds before another may take it over. */
export const CLAIM_LEASE_MS = 15_000;
