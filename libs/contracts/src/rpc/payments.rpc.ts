import { defineRpc } from './rpc-definition';
import { ParticipantTimelineRequest, type ParticipantTimeline } from './timeline.rpc';

/** A refund of an order's payment. */
export interface RefundView {
  readonly refundId: string;
  readonly amount: number;
  readonly currency: string;
  readonly at: string;
}

/** payment-service's view of an order in its timeline. */
export interface PaymentOrderState {
  /** `PENDING`, `CHARGING`, `CHARGED`, `DECLINED`, `FAILED`, `CANCELLED`, ...; `null`: none. */
  readonly payment: string | null;
  readonly amount: number | null;
  readonly currency: string | null;
  readonly failureReason: string | null;
  readonly chargeAttempts: number;
  /** The order was cancelled while its charge was in flight. */
  readonly cancelRequested: boolean;
  readonly refunds: readonly RefundView[];
}

/** Calls answered by payment-service (its dead letters are in `DLQ_RPC`). */
export const PAYMENTS_RPC = {
  'rpc.payments.timeline': defineRpc<
    ParticipantTimelineRequest,
    ParticipantTimeline<PaymentOrderState>
  >('payment-service', ParticipantTimelineRequest),
} as const;
