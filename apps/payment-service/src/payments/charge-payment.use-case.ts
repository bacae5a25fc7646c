import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { SqlInbox } from '@polyshop/messaging';
import { DataSource } from 'typeorm';
import {
  PaymentProvider,
  PspUnavailableError,
  type PspCharge,
  type PspRefund,
} from '../psp/payment-provider';
import { intentOf, type Payment } from './domain/payment';
import { IntentNotKnownYetError, PaymentBusyError } from './domain/payment.errors';
import type { PaymentServiceEnv } from '../config/payment-service.env';
import { IntentArrivals, type IntentArrival } from './intent-arrivals';
import { onStockReserved, settleCharge } from './domain/payment-transitions';
import { processed, type PaymentDelivery } from './payment-journal';
import { CONSUMERS } from './payments.consumers';
import { PaymentTimelineRepository } from './persistence/payment-timeline.repository';
import { PaymentsRepository, type Claim } from './persistence/payments.repository';
import { SettlePaymentUseCase } from './settle-payment.use-case';

export interface ChargePaymentCommand {
  readonly orderId: string;
  /** The delivery of the `inventory.stock-reserved` event asking for the charge. */
  readonly delivery: PaymentDelivery;
  /** The transport will not retry after this attempt: give up on an unavailable PSP. */
  readonly lastAttempt: boolean;
}

/**
 * Charges an order once its stock is reserved, at most once whatever the deliveries and
 * replicas: claim the payment (`PENDING` -> `CHARGING` with a lease), ask the PSP with the order
 * id as idempotency key, then settle (status, inbox, event) in one transaction. A failure after
 * the claim gives it back and rethrows, for the transport to retry.
 */
@Injectable()
export class ChargePaymentUseCase {
  private readonly logger = new Logger(ChargePaymentUseCase.name);
  private readonly intentWaitMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly payments: PaymentsRepository,
    private readonly provider: PaymentProvider,
    private readonly settle: SettlePaymentUseCase,
    private readonly inbox: SqlInbox,
    private readonly timeline: PaymentTimelineRepository,
    private readonly arrivals: IntentArrivals,
    config: ConfigService<PaymentServiceEnv, true>,
  ) {
    this.intentWaitMs = config.get('PAYMENT_INTENT_WAIT_MS', { infer: true });
  }

  async execute({ orderId, delivery, lastAttempt }: ChargePaymentCommand): Promise<void> {
    // Registered first: an intent this process commits from now on ends the wait below.
    const arrival = this.arrivals.arrival(orderId, this.intentWaitMs);
    let claim: Claim | null;
    try {
      claim = await this.claimCharge(orderId, delivery, arrival);
    } finally {
      arrival.cancel();
    }
    if (!claim) return;
    try {
      await this.chargeClaimed(claim, delivery, lastAttempt);
    } catch (error) {
      await this.payments.release(orderId, claim, 'charge').catch((releaseError: unknown) => {
        this.logger.warn(
          `order ${orderId}: claim kept until its lease ends: ${String(releaseError)}`,
        );
      });
      throw error;
    }
  }

  /**
   * Claims the charge: in one statement in the usual case, the intent recorded and the charge
   * free. Otherwise the payment says why: no intent yet, then this process's `order.placed`
   * handler gets up to `PAYMENT_INTENT_WAIT_MS` to commit it (`IntentArrivals`) before the
   * delivery is retried; nothing left to charge, then the delivery is acknowledged (`null`);
   * another worker holding the charge, then it is retried later.
   */
  private async claimCharge(
    orderId: string,
    delivery: PaymentDelivery,
    arrival: IntentArrival,
  ): Promise<Claim | null> {
    const claimed = await this.payments.claim(orderId, 'charge');
    if (claimed) return claimed;
    const payment =
      (await this.payments.find(orderId)) ??
      ((await arrival.arrived) ? await this.payments.find(orderId) : null);
    switch (onStockReserved(payment?.status)) {
      case 'wait-for-intent':
        throw new IntentNotKnownYetError(orderId);
      case 'none':
        await this.acknowledge(orderId, delivery, payment?.status ?? 'none');
        return null;
      case 'claim-charge':
        break;
    }
    const claim = await this.payments.claim(orderId, 'charge');
    if (!claim) throw new PaymentBusyError(orderId, 'another worker is charging it');
    return claim;
  }

  private async chargeClaimed(
    claim: Claim,
    delivery: PaymentDelivery,
    lastAttempt: boolean,
  ): Promise<void> {
    const { orderId } = claim.payment;
    const answer = await this.askProvider(claim.payment, lastAttempt);
    const settleWith = (refund?: PspRefund) =>
      this.settle.execute({
        claim,
        consumer: CONSUMERS.stockReserved,
        delivery,
        chargeReference: answer.reference,
        refund,
        decide: (current) =>
          settleCharge(answer.status, {
            cancelRequested: current.cancelRequestedAt !== null,
            refunded: refund !== undefined,
          }),
      });
    let result = await settleWith();
    if (result === 'refund-first') {
      this.logger.log(`order ${orderId}: cancelled while charging, refunding the charge`);
      result = await settleWith(
        await this.provider.refund({
          idempotencyKey: orderId,
          chargeReference: answer.reference,
          amount: intentOf(claim.payment).amount,
        }),
      );
    }
    if (result !== 'settled') throw new PaymentBusyError(orderId, 'its claim was taken over');
    this.logger.debug(`order ${orderId}: charge settled (${answer.status})`);
  }

  /**
   * The PSP's answer for the claimed payment. A payment flagged as cancelled is voided, never
   * charged. On the last attempt, an unavailable PSP is given up on, but only after a void made
   * sure the key holds no charge (the void answers a charge if an earlier attempt made one).
   */
  private async askProvider(payment: Payment, lastAttempt: boolean): Promise<PspCharge> {
    const { orderId } = payment;
    if (payment.cancelRequestedAt !== null) return this.provider.void(orderId);
    const { amount, currency, paymentToken } = intentOf(payment);
    try {
      return await this.provider.charge({
        idempotencyKey: orderId,
        amount,
        currency,
        token: paymentToken,
      });
    } catch (error) {
      if (!(error instanceof PspUnavailableError) || !lastAttempt) throw error;
      this.logger.warn(`order ${orderId}: PSP still unavailable after the last attempt, voiding`);
      return this.provider.void(orderId);
    }
  }

  /** Records a stock-reserved that has nothing left to do (charged, failed, cancelled...). */
  private async acknowledge(
    orderId: string,
    delivery: PaymentDelivery,
    status: string,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const inboxed = await this.inbox.record(manager, CONSUMERS.stockReserved, delivery.eventId);
      if (inboxed === 'duplicate') return;
      await this.timeline.append(manager, orderId, [
        processed(delivery, `no effect: the payment was ${status}`),
      ]);
    });
  }
}
