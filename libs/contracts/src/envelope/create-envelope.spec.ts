import { isUUID } from 'class-validator';
import { createEnvelope } from './create-envelope';
import { parseEnvelope } from './parse-envelope';

const data = {
  orderId: '0f3e8d2c-6a1b-4c5d-9e7f-1a2b3c4d5e6f',
  paymentId: '4d5e6f7a-8b9c-4d0e-af1a-3b4c5d6e7f80',
  amount: 4499,
  currency: 'EUR',
};
const meta = { correlationId: data.orderId, causationId: 'e0000000-0000-4000-8000-000000000002' };

describe('createEnvelope', () => {
  it('fills type, version and producer from the subject', () => {
    const envelope = createEnvelope('payment.succeeded.v1', data, meta);

    expect(envelope).toMatchObject({
      type: 'payment.succeeded',
      version: 1,
      producer: 'payment',
      correlationId: data.orderId,
      causationId: meta.causationId,
      data,
    });
  });

  it('gives each event a fresh v4 UUID and the current time in UTC', () => {
    const before = Date.now();
    const first = createEnvelope('payment.succeeded.v1', data, meta);
    const second = createEnvelope('payment.succeeded.v1', data, meta);

    expect(isUUID(first.id, '4')).toBe(true);
    expect(second.id).not.toBe(first.id);
    expect(first.occurredAt).toMatch(/Z$/);
    expect(Date.parse(first.occurredAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(first.occurredAt)).toBeLessThanOrEqual(Date.now());
  });

  it('keeps a given id and stores a given time as ISO-8601 UTC', () => {
    const id = 'e0000000-0000-4000-8000-000000000003';

    const fromDate = createEnvelope('payment.succeeded.v1', data, {
      ...meta,
      id,
      occurredAt: new Date(Date.UTC(2025, 0, 15, 10)),
    });
    const fromOffset = createEnvelope('payment.succeeded.v1', data, {
      ...meta,
      occurredAt: '2025-01-15T12:00:00+02:00',
    });

    expect(fromDate.id).toBe(id);
    expect(fromDate.occurredAt).toBe('2025-01-15T10:00:00.000Z');
    expect(fromOffset.occurredAt).toBe('2025-01-15T10:00:00.000Z');
  });

  it('refuses a time that is not a date', () => {
    expect(() =>
      createEnvelope('payment.succeeded.v1', data, { ...meta, occurredAt: 'yesterday' }),
    ).toThrow(RangeError);
  });

  it('builds envelopes that parseEnvelope accepts as they are', () => {
    const envelope = createEnvelope('payment.succeeded.v1', data, { ...meta, causationId: null });

    expect(parseEnvelope('payment.succeeded.v1', JSON.stringify(envelope))).toEqual({
      ok: true,
      envelope,
    });
  });
});
