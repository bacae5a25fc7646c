import { consumedEntry, type EventSubject, type UntimedTimelineEntry } from '@polyshop/contracts';

/** One delivery of a saga event to payment-service. */
export interface PaymentDelivery {
  readonly eventId: string;
  readonly subject: EventSubject;
  /** From 1. */
  readonly attempt: number;
}

/** The journal entry of a delivery payment-service processed; `detail` when it had no effect. */
export const processed = (delivery: PaymentDelivery, detail?: string): UntimedTimelineEntry =>
  consumedEntry({ ...delivery, service: 'payment-service', outcome: 'PROCESSED', detail });
