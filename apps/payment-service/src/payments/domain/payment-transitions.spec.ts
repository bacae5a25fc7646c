import type { PaymentStatus } from './payment';
import { onOrderCancelled, onStockReserved, settleCharge } from './payment-transitions';

const settled: PaymentStatus[] = [
  'CHARGED',
  'DECLINED',
  'FAILED',
  'CANCELLED',
  'REFUNDING',
  'REFUNDED',
];

describe('payment transitions', () => {
  describe('on inventory.stock-reserved', () => {
    it('waits for the intent when order.placed has not arrived yet', () => {
      expect(onStockReserved(undefined)).toBe('wait-for-intent');
    });

    it('claims the charge of a pending payment, or of one whose worker may have died', () => {
      expect(onStockReserved('PENDING')).toBe('claim-charge');
      expect(onStockReserved('CHARGING')).toBe('claim-charge');
    });

    it.each(settled)('charges nothing for a payment already %s', (status) => {
      expect(onStockReserved(status)).toBe('none');
    });
  });

  describe('on order.cancelled', () => {
    const never = { chargeAttempts: 0 };
    const tried = { chargeAttempts: 1 };

    it('cancels a payment never charged, so that a later reservation charges nothing', () => {
      expect(onOrderCancelled('PENDING', never)).toBe('cancel');
    });

    it('flags a charge in flight for its worker to compensate', () => {
      expect(onOrderCancelled('CHARGING', tried)).toBe('flag-charge');
    });

    it('flags a pending payment whose earlier attempt may have charged, for its retry to compensate', () => {
      expect(onOrderCancelled('PENDING', tried)).toBe('flag-charge');
    });

    it('refunds a charged payment, and takes over a refund whose worker may have died', () => {
      expect(onOrderCancelled('CHARGED', tried)).toBe('claim-refund');
      expect(onOrderCancelled('REFUNDING', tried)).toBe('claim-refund');
    });

    it.each(['DECLINED', 'FAILED', 'CANCELLED', 'REFUNDED'] as const)(
      'does nothing more for a payment already %s',
      (status) => {
        expect(onOrderCancelled(status, tried)).toBe('none');
      },
    );
  });

  describe('settling a charge', () => {
    const live = { cancelRequested: false, refunded: false };

    it('settles a success as CHARGED with payment.succeeded', () => {
      expect(settleCharge('SUCCEEDED', live)).toEqual({
        status: 'CHARGED',
        failureReason: null,
        publishes: 'payment.succeeded.v1',
      });
    });

    it('settles a decline as DECLINED with payment.failed (PAYMENT_DECLINED)', () => {
      expect(settleCharge('DECLINED', live)).toEqual({
        status: 'DECLINED',
        failureReason: 'PAYMENT_DECLINED',
        publishes: 'payment.failed.v1',
      });
    });

    it('settles a refused token as FAILED with payment.failed (INVALID_TOKEN)', () => {
      expect(settleCharge('INVALID_TOKEN', live)).toEqual({
        status: 'FAILED',
        failureReason: 'INVALID_TOKEN',
        publishes: 'payment.failed.v1',
      });
    });

    it('settles a charge voided after the PSP stayed unavailable as FAILED (PROVIDER_UNAVAILABLE)', () => {
      expect(settleCharge('VOIDED', live)).toEqual({
        status: 'FAILED',
        failureReason: 'PROVIDER_UNAVAILABLE',
        publishes: 'payment.failed.v1',
      });
    });

    it('refunds a charge that went through after the order was cancelled, before settling', () => {
      expect(settleCharge('SUCCEEDED', { cancelRequested: true, refunded: false })).toBe(
        'refund-first',
      );
      expect(settleCharge('SUCCEEDED', { cancelRequested: true, refunded: true })).toEqual({
        status: 'REFUNDED',
        failureReason: null,
        publishes: 'payment.refunded.v1',
      });
    });

    it.each(['DECLINED', 'INVALID_TOKEN', 'VOIDED'] as const)(
      'settles a cancelled order whose charge answered %s as CANCELLED, publishing nothing',
      (answer) => {
        const settlement = settleCharge(answer, { cancelRequested: true, refunded: false });
        expect(settlement).toMatchObject({ status: 'CANCELLED', publishes: null });
      },
    );
  });
});
