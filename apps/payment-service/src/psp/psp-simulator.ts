import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { PAYMENT_TOKENS } from '@polyshop/contracts';
import {
  PaymentProvider,
  PspRequestError,
  PspUnavailableError,
  type ChargeRequest,
  type PspCharge,
  type PspChargeStatus,
  type PspRefund,
  type RefundRequest,
} from './payment-provider';
import type { PspLedger } from './psp-ledger';

export interface PspSimulatorOptions {
  /** Delay before every answer. */
  latencyMs: number;
  /** Share of calls (0 to 1) answered "unavailable" before doing anything. */
  transientFailureRate: number;
  /** Source of randomness for the failures; `Math.random` unless a test fixes it. */
  random?: () => number;
}

/** The test cards: `tok_visa` is charged, `tok_chargeDeclined` declined, anything else refused. */
export function chargeStatusOf(token: string): PspChargeStatus {
  switch (token) {
    case PAYMENT_TOKENS.CHARGED:
      return 'SUCCEEDED';
    case PAYMENT_TOKENS.DECLINED:
      return 'DECLINED';
    default:
      return 'INVALID_TOKEN';
  }
}

const newReference = (prefix: 'ch' | 're') => `${prefix}_${randomBytes(12).toString('hex')}`;

/**
 * A payment service provider in a box: answers after `latencyMs`, fails a share of calls
 * transiently (before doing anything, so a retry is always safe), and keeps its books in
 * `PspLedger`, where every call is idempotent by key the way real PSPs are.
 */
export class PspSimulator extends PaymentProvider {
  private readonly random: () => number;

  constructor(
    private readonly ledger: PspLedger,
    private readonly options: PspSimulatorOptions,
  ) {
    super();
    this.random = options.random ?? Math.random;
  }

  async charge({ idempotencyKey, amount, currency, token }: ChargeRequest): Promise<PspCharge> {
    await this.takeRequest('charge');
    if (await this.ledger.takeScheduledFailure(idempotencyKey)) {
      throw new PspUnavailableError('charge');
    }
    const charge = await this.ledger.recordCharge({
      reference: newReference('ch'),
      idempotencyKey,
      status: chargeStatusOf(token),
      amount,
      currency,
    });
    if (charge.status !== 'VOIDED' && (charge.amount !== amount || charge.currency !== currency)) {
      throw new PspRequestError('idempotency key reused for a different charge');
    }
    return { reference: charge.reference, status: charge.status };
  }

  async void(idempotencyKey: string): Promise<PspCharge> {
    await this.takeRequest('void');
    const charge = await this.ledger.recordCharge({
      reference: newReference('ch'),
      idempotencyKey,
      status: 'VOIDED',
      amount: null,
      currency: null,
    });
    return { reference: charge.reference, status: charge.status };
  }

  async refund({ idempotencyKey, chargeReference, amount }: RefundRequest): Promise<PspRefund> {
    await this.takeRequest('refund');
    const charge = await this.ledger.findCharge(chargeReference);
    if (charge?.status !== 'SUCCEEDED' || charge.amount === null) {
      throw new PspRequestError(`charge ${chargeReference} cannot be refunded`);
    }
    if (amount > charge.amount) {
      throw new PspRequestError(`refund exceeds charge ${chargeReference}`);
    }
    const refund = await this.ledger.recordRefund({
      reference: newReference('re'),
      idempotencyKey,
      chargeReference,
      amount,
    });
    if (refund === undefined) {
      throw new PspRequestError(`charge ${chargeReference} was refunded already`);
    }
    if (refund.chargeReference !== chargeReference || refund.amount !== amount) {
      throw new PspRequestError('idempotency key reused for a different refund');
    }
    return { reference: refund.reference };
  }

  /** Schedules transient failures of the key's next charge calls (tests and chaos runs). */
  scheduleFailures(idempotencyKey: string, count: number): Promise<void> {
    return this.ledger.scheduleFailures(idempotencyKey, count);
  }

  private async takeRequest(operation: string): Promise<void> {
    if (this.options.latencyMs > 0) await sleep(this.options.latencyMs);
    if (this.random() < this.options.transientFailureRate) {
      throw new PspUnavailableError(operation);
    }
  }
}
