/**
 * The payment service provider (PSP) as payment-service sees it: every call is idempotent by
 * its `idempotencyKey`, like real PSPs, so a call repeated after a crash or a lost answer never
 * takes money twice. The implementation here is the simulator (`PspSimulator`); a real provider
 * would be another implementation of this class.
 */
export abstract class PaymentProvider {
  /**
   * Charges `amount` on `token`, once per key: a repeated key answers the first outcome,
   * whatever happened since. Throws `PspUnavailableError` when the provider could not take the
   * request (nothing happened; try again).
   */
  abstract charge(request: ChargeRequest): Promise<PspCharge>;

  /**
   * Makes sure the key will never charge: answers `VOIDED`, or the outcome of a charge already
   * made with that key (possibly `SUCCEEDED`, which then needs a refund).
   */
  abstract void(idempotencyKey: string): Promise<PspCharge>;

  /** Gives back `amount` of a succeeded charge, once per key. */
  abstract refund(request: RefundRequest): Promise<PspRefund>;
}

export interface ChargeRequest {
  readonly idempotencyKey: string;
  /** Minor units. */
  readonly amount: number;
  readonly currency: string;
  /** Never logged. */
  readonly token: string;
}

export interface RefundRequest {
  readonly idempotencyKey: string;
  readonly chargeReference: string;
  readonly amount: number;
}

/** What the provider did with a key: charged, declined, refused the token, or voided it. */
export type PspChargeStatus = 'SUCCEEDED' | 'DECLINED' | 'INVALID_TOKEN' | 'VOIDED';

export interface PspCharge {
  /** The provider's id of the charge (`ch_...`). */
  readonly reference: string;
  readonly status: PspChargeStatus;
}

export interface PspRefund {
  /** The provider's id of the refund (`re_...`). */
  readonly reference: string;
}

/** Transient: the provider did not take the request (nothing happened); retry later. */
export class PspUnavailableError extends Error {
  readonly code = 'PSP.UNAVAILABLE';

  constructor(operation: string) {
    super(`payment provider unavailable (${operation}), nothing was done`);
    this.name = 'PspUnavailableError';
  }
}

/** Permanent: the provider refused the request as malformed (e.g. a key reused differently). */
export class PspRequestError extends Error {
  readonly code = 'PSP.BAD_REQUEST';

  constructor(message: string) {
    super(message);
    this.name = 'PspRequestError';
  }
}
