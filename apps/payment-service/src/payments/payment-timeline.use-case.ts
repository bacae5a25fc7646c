import { Injectable } from '@nestjs/common';
import type { ParticipantTimeline, PaymentOrderState } from '@polyshop/contracts';
import { PaymentTimelineRepository } from './persistence/payment-timeline.repository';
import { PaymentsRepository } from './persistence/payments.repository';

/**
 * payment-service's part of an order's saga timeline (`rpc.payments.timeline`): its journal and
 * its payment (status, amount, refunds). Ownership was checked by the gateway with order-service.
 */
@Injectable()
export class PaymentTimelineUseCase {
  constructor(
    private readonly payments: PaymentsRepository,
    private readonly timeline: PaymentTimelineRepository,
  ) {}

  async execute(orderId: string): Promise<ParticipantTimeline<PaymentOrderState>> {
    const [payment, refunds, entries] = await Promise.all([
      this.payments.find(orderId),
      this.payments.refundsOf(orderId),
      this.timeline.listOf(orderId),
    ]);
    return {
      entries,
      state: {
        payment: payment?.status ?? null,
        amount: payment?.amount ?? null,
        currency: payment?.currency ?? null,
        failureReason: payment?.failureReason ?? null,
        chargeAttempts: payment?.chargeAttempts ?? 0,
        cancelRequested: (payment?.cancelRequestedAt ?? null) !== null,
        refunds: refunds.map(({ refundId, amount, currency, createdAt }) => ({
          refundId,
          amount,
          currency,
          at: createdAt.toISOString(),
        })),
      },
    };
  }
}
