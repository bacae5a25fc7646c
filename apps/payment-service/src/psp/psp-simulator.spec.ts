import { PspRequestError, PspUnavailableError, type ChargeRequest } from './payment-provider';
import { PspLedger, type PspChargeRecord, type PspRefundRecord } from './psp-ledger';
import { PspSimulator, type PspSimulatorOptions } from './psp-simulator';

/** The ledger's contract in memory: first writer of a key wins. */
class InMemoryPspLedger extends PspLedger {
  readonly charges = new Map<string, PspChargeRecord>();
  readonly refunds = new Map<string, PspRefundRecord>();
  private readonly failures = new Map<string, number>();

  recordCharge(charge: PspChargeRecord): Promise<PspChargeRecord> {
    const existing = this.charges.get(charge.idempotencyKey);
    if (!existing) this.charges.set(charge.idempotencyKey, charge);
    return Promise.resolve(existing ?? charge);
  }

  findCharge(reference: string): Promise<PspChargeRecord | undefined> {
    return Promise.resolve([...this.charges.values()].find((c) => c.reference === reference));
  }

  recordRefund(refund: PspRefundRecord): Promise<PspRefundRecord | undefined> {
    const existing = this.refunds.get(refund.idempotencyKey);
    if (existing) return Promise.resolve(existing);
    const taken = [...this.refunds.values()].some(
      (r) => r.chargeReference === refund.chargeReference,
    );
    if (taken) return Promise.resolve(undefined);
    this.refunds.set(refund.idempotencyKey, refund);
    return Promise.resolve(refund);
  }

  scheduleFailures(idempotencyKey: string, count: number): Promise<void> {
    this.failures.set(idempotencyKey, count);
    return Promise.resolve();
  }

  takeScheduledFailure(idempotencyKey: string): Promise<boolean> {
    const left = this.failures.get(idempotencyKey) ?? 0;
    if (left > 0) this.failures.set(idempotencyKey, left - 1);
    return Promise.resolve(left > 0);
  }
}

const visa = (key: string, amount = 1999): ChargeRequest => ({
  idempotencyKey: key,
  amount,
  currency: 'EUR',
  token: 'tok_visa',
});

describe('PspSimulator', () => {
  let ledger: InMemoryPspLedger;
  const simulator = (options: Partial<PspSimulatorOptions> = {}) =>
    new PspSimulator(ledger, { latencyMs: 0, transientFailureRate: 0, ...options });

  beforeEach(() => {
    ledger = new InMemoryPspLedger();
  });

  it('charges tok_visa once per idempotency key, answering a repeated call with the same charge', async () => {
    const psp = simulator();

    const first = await psp.charge(visa('order-1'));
    const again = await psp.charge(visa('order-1'));

    expect(first.status).toBe('SUCCEEDED');
    expect(first.reference).toMatch(/^ch_[0-9a-f]{24}$/);
    expect(again).toEqual(first);
    expect(ledger.charges.size).toBe(1);
  });

  it('declines tok_chargeDeclined and remembers the decline for the key', async () => {
    const psp = simulator();
    const declined = { ...visa('order-2'), token: 'tok_chargeDeclined' };

    expect(await psp.charge(declined)).toMatchObject({ status: 'DECLINED' });
    expect(await psp.charge(declined)).toMatchObject({ status: 'DECLINED' });
    expect(ledger.charges.size).toBe(1);
  });

  it('refuses any other token as INVALID_TOKEN', async () => {
    const answer = await simulator().charge({ ...visa('order-3'), token: 'tok_mastercard' });

    expect(answer.status).toBe('INVALID_TOKEN');
  });

  it('rejects a key reused for a different amount, like a real provider', async () => {
    const psp = simulator();
    await psp.charge(visa('order-4', 1000));

    await expect(psp.charge(visa('order-4', 2000))).rejects.toThrow(PspRequestError);
  });

  it('fails the configured share of calls transiently, before recording anything', async () => {
    const draws = [0.1, 0.9];
    const psp = simulator({ transientFailureRate: 0.5, random: () => draws.shift() ?? 1 });

    await expect(psp.charge(visa('order-5'))).rejects.toThrow(PspUnavailableError);
    expect(ledger.charges.size).toBe(0);
    expect(await psp.charge(visa('order-5'))).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('never fails with a rate of 0 and always with a rate of 1', async () => {
    await expect(simulator({ random: () => 0 }).charge(visa('order-6'))).resolves.toBeDefined();
    await expect(
      simulator({ transientFailureRate: 1, random: () => 0.999 }).charge(visa('order-7')),
    ).rejects.toThrow(PspUnavailableError);
  });

  it('fails the next charges of a key as scheduled, then charges it', async () => {
    const psp = simulator();
    await psp.scheduleFailures('order-8', 2);

    await expect(psp.charge(visa('order-8'))).rejects.toThrow(PspUnavailableError);
    await expect(psp.charge(visa('order-8'))).rejects.toThrow(PspUnavailableError);
    expect(await psp.charge(visa('order-8'))).toMatchObject({ status: 'SUCCEEDED' });
    expect(await psp.charge(visa('other-key'))).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('voids an unused key, so that a later charge with it takes nothing', async () => {
    const psp = simulator();

    expect(await psp.void('order-9')).toMatchObject({ status: 'VOIDED' });
    expect(await psp.charge(visa('order-9'))).toMatchObject({ status: 'VOIDED' });
    expect([...ledger.charges.values()].map((c) => c.amount)).toEqual([null]);
  });

  it('answers a void of a charged key with the charge, to be refunded', async () => {
    const psp = simulator();
    const charge = await psp.charge(visa('order-10'));

    expect(await psp.void('order-10')).toEqual(charge);
  });

  it('refunds a succeeded charge once per key', async () => {
    const psp = simulator();
    const charge = await psp.charge(visa('order-11'));
    const request = { idempotencyKey: 'order-11', chargeReference: charge.reference, amount: 1999 };

    const refund = await psp.refund(request);

    expect(refund.reference).toMatch(/^re_[0-9a-f]{24}$/);
    expect(await psp.refund(request)).toEqual(refund);
    expect(ledger.refunds.size).toBe(1);
  });

  it('refuses to refund a declined charge, more than was charged, or a charge twice', async () => {
    const psp = simulator();
    const declined = await psp.charge({ ...visa('order-12'), token: 'tok_chargeDeclined' });
    const charged = await psp.charge(visa('order-13'));
    await psp.refund({ idempotencyKey: 'r-1', chargeReference: charged.reference, amount: 1999 });

    await expect(
      psp.refund({ idempotencyKey: 'r-2', chargeReference: declined.reference, amount: 1 }),
    ).rejects.toThrow(PspRequestError);
    await expect(
      psp.refund({ idempotencyKey: 'r-3', chargeReference: charged.reference, amount: 2000 }),
    ).rejects.toThrow(PspRequestError);
    await expect(
      psp.refund({ idempotencyKey: 'r-4', chargeReference: charged.reference, amount: 1999 }),
    ).rejects.toThrow(/refunded already/);
  });

  it('answers after the configured latency', async () => {
    const started = Date.now();

    await simulator({ latencyMs: 40 }).charge(visa('order-14'));

    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
  });
});
