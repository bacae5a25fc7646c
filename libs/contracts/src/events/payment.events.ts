import { IsIn, IsUUID } from 'class-validator';
import { PAYMENT_FAILURE_REASONS, type PaymentFailureReason } from '../codes';
import { IsAmount, IsCurrencyCode } from '../validation/field-decorators';
import type { EventDefinition } from './event-definition';

/** `payment.succeeded.v1`: the order's total was charged. */
export class PaymentSucceededData {
  @IsUUID()
  orderId!: string;

  @IsUUID()
  paymentId!: string;

  @IsAmount()
  amount!: number;

  @IsCurrencyCode()
  currency!: string;
}

/** `payment.failed.v1`: the charge did not go through; nothing was taken. */
export class PaymentFailedData {
  @IsUUID()
  orderId!: string;

  @IsUUID()
  paymentId!: string;

  @IsIn(PAYMENT_FAILURE_REASONS)
  reason!: PaymentFailureReason;
}

/** `payment.refunded.v1`: a charge was given back (compensation of a cancelled order). */
export class PaymentRefundedData {
  @IsUUID()
  orderId!: string;

  @IsUUID()
  paymentId!: string;

  @IsUUID()
  refundId!: string;

  @IsAmount()
  amount!: number;

  @IsCurrencyCode()
  currency!: string;
}

/** Events published by payment-service on the `PAYMENT` stream. */
export const PAYMENT_EVENTS = {
  'payment.succeeded.v1': {
    type: 'payment.succeeded',
    version: 1,
    producer: 'payment',
    stream: 'PAYMENT',
    dataClass: PaymentSucceededData,
    consumers: ['order-service', 'inventory-service'],
  },
  'payment.failed.v1': {
    type: 'payment.failed',
    version: 1,
    producer: 'payment',
    stream: 'PAYMENT',
    dataClass: PaymentFailedData,
    consumers: ['order-service', 'inventory-service'],
  },
  'payment.refunded.v1': {
    type: 'payment.refunded',
    version: 1,
    producer: 'payment',
    stream: 'PAYMENT',
    dataClass: PaymentRefundedData,
    consumers: [],
  },
} as const satisfies Record<string, EventDefinition>;
