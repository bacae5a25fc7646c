import { parseEnvelope } from '../envelope/parse-envelope';
import { sampleEnvelope } from '../samples';
import { EVENT_SUBJECTS, type EventSubject } from './event-map';
import { MAX_ORDER_ITEMS } from './order.events';

/** Parses the sample of `subject` with `patch` merged into its data; returns the detail. */
function dataDetail(subject: EventSubject, patch: Record<string, unknown>): string {
  const envelope = sampleEnvelope(subject);
  const result = parseEnvelope(subject, { ...envelope, data: { ...envelope.data, ...patch } });
  if (result.ok) return 'accepted';
  return `${result.reason} ${result.detail}`;
}

describe('event data classes', () => {
  it.each(EVENT_SUBJECTS)('%s: an empty data object names every required field', (subject) => {
    const envelope = sampleEnvelope(subject);
    const required = Object.keys(envelope.data);

    const result = parseEnvelope(subject, { ...envelope, data: {} });

    expect(result).toMatchObject({ ok: false, reason: 'INVALID_DATA' });
    const detail = result.ok ? '' : result.detail;
    for (const field of required) expect(detail).toContain(`data.${field}: `);
  });

  it('takes product ids as 24-hex ObjectIds and other ids as UUIDs', () => {
    expect(dataDetail('product.created.v1', { productId: 'mug-1' })).toMatch(
      /^INVALID_DATA data\.productId: productId must be a 24-hex product id$/,
    );
    expect(dataDetail('payment.failed.v1', { paymentId: '665f1c2ab4d3e2f1a0b9c8d7' })).toMatch(
      /^INVALID_DATA data\.paymentId: /,
    );
  });

  it('takes amounts as non-negative integers of minor units', () => {
    expect(dataDetail('payment.succeeded.v1', { amount: 44.99 })).toMatch(/data\.amount: /);
    expect(dataDetail('payment.succeeded.v1', { amount: -1 })).toMatch(/data\.amount: /);
    expect(dataDetail('payment.succeeded.v1', { amount: 0 })).toBe('accepted');
  });

  it('takes currencies as upper-case ISO 4217 codes', () => {
    expect(dataDetail('order.confirmed.v1', { currency: 'eur' })).toMatch(/data\.currency: /);
    expect(dataDetail('order.confirmed.v1', { currency: 'XYZ' })).toMatch(/data\.currency: /);
    expect(dataDetail('order.confirmed.v1', { currency: 'USD' })).toBe('accepted');
  });

  it('takes reasons only from their code lists', () => {
    expect(dataDetail('order.cancelled.v1', { reason: 'CHANGED_MIND' })).toMatch(
      /data\.reason: reason must be one of the following values: CANCELLED_BY_USER, TIMEOUT/,
    );
    expect(dataDetail('inventory.stock-released.v1', { reason: 'TIMEOUT' })).toMatch(
      /data\.reason: /,
    );
    expect(dataDetail('payment.failed.v1', { reason: 'INVALID_TOKEN' })).toBe('accepted');
  });

  it('takes timestamps only in UTC', () => {
    expect(dataDetail('inventory.stock-reserved.v1', { expiresAt: '2025-01-15T10:15:00' })).toMatch(
      /data\.expiresAt: /,
    );
  });

  it('requires at least one and at most the maximum number of items', () => {
    const item = sampleEnvelope('order.placed.v1').data.items[0];

    expect(dataDetail('order.placed.v1', { items: [] })).toMatch(/data\.items: /);
    expect(
      dataDetail('order.placed.v1', {
        items: Array.from({ length: MAX_ORDER_ITEMS + 1 }, () => item),
      }),
    ).toMatch(/data\.items: /);
    expect(dataDetail('inventory.stock-reservation-failed.v1', { shortages: [] })).toMatch(
      /data\.shortages: /,
    );
  });

  it('counts stock from zero but ordered quantities from one', () => {
    expect(dataDetail('product.created.v1', { initialStock: 0 })).toBe('accepted');
    const shortage = { productId: '665f1c2ab4d3e2f1a0b9c8d7', requested: 0, available: 0 };
    expect(dataDetail('inventory.stock-reservation-failed.v1', { shortages: [shortage] })).toMatch(
      /^INVALID_DATA data\.shortages\.0\.requested: /,
    );
  });
});
