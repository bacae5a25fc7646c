import { Injectable, Logger } from '@nestjs/common';
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
import { onStockReserved, settleCharge } from './domain/payment-transitions';
import { CONSUMERS } from './payments.consumers';
import { PaymentsRepository, type Claim } from './persistence/payments.repository';
import { SettlePaymentUseCase } from './settle-payment.use-case';

export interface ChargePaymentCommand {
  readonly orderId: string;
  /** The `inventory.stock-reserved` event asking for the charge. */
  readonly eventId: string;
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

  constructor(
    private readonly dataSource: DataSource,
    private readonly payments: PaymentsRepository,
    private readonly provider: PaymentProvider,
    private readonly settle: SettlePaymentUseCase,
    private readonly inbox: SqlInbox,
  ) {}

  async execute({ orderId, eventId, lastAttempt }: ChargePaymentCommand): Promise<void> {
    const payment = await this.payments.find(orderId);
    switch (onStockReserved(payment?.status)) {
      case 'wait-for-intent':
        throw new IntentNotKnownYetError(orderId);
      case 'none':
        return this.acknowledge(eventId);
      case 'claim-charge':
        break;
    }
    const claim = await this.payments.claim(orderId, 'charge');
    if (!claim) throw new PaymentBusyError(orderId, 'another worker is charging it');
    try {
      await this.chargeClaimed(claim, eventId, lastAttempt);
    } catch (error) {
      await this.payments.release(orderId, claim, 'charge').catch((releaseError: unknown) => {
        this.logger.warn(
          `order ${orderId}: claim kept until its lease ends: ${String(releaseError)}`,
        );
      });
      throw error;
    }
  }

  private async chargeClaimed(claim: Claim, eventId: string, lastAttempt: boolean): Promise<void> {
    const { orderId } = claim.payment;
    const answer = await this.askProvider(claim.payment, lastAttempt);
    const settleWith = (refund?: PspRefund) =>
      this.settle.execute({
        claim,
        consumer: CONSUMERS.stockReserved,
        eventId,
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
    this.logger.log(`order ${orderId}: charge settled (${answer.status})`);
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
  private async acknowledge(eventId: string): Promise<void> {
    await this.dataSource.transaction((manager) =>
      this.inbox.record(manager, CONSUMERS.stockReserved, eventId),
    );
  }
}
