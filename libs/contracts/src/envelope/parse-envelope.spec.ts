import { sampleEnvelope } from '../samples';
import { parseEnvelope } from './parse-envelope';

const placed = () => sampleEnvelope('order.placed.v1');
const asJson = (value: unknown): string => JSON.stringify(value);

describe('parseEnvelope', () => {
  it('accepts a valid envelope given as a JSON string and types its data', () => {
    const result = parseEnvelope('order.placed.v1', asJson(placed()));

    expect(result).toEqual({ ok: true, envelope: placed() });
    if (result.ok) expect(result.envelope.data.items[0].quantity).toBe(2);
  });

  it('accepts the same envelope as UTF-8 bytes or as an already parsed object', () => {
    const bytes = new TextEncoder().encode(asJson(placed()));

    expect(parseEnvelope('order.placed.v1', bytes)).toEqual({ ok: true, envelope: placed() });
    expect(parseEnvelope('order.placed.v1', placed())).toEqual({ ok: true, envelope: placed() });
  });

  it('accepts a root event whose causationId is null', () => {
    const cancelled = sampleEnvelope('order.cancelled.v1');

    expect(cancelled.causationId).toBeNull();
    expect(parseEnvelope('order.cancelled.v1', asJson(cancelled)).ok).toBe(true);
  });

  it('rejects a body that is not JSON as BAD_JSON', () => {
    const result = parseEnvelope('order.placed.v1', '{"id": ');

    expect(result).toMatchObject({ ok: false, reason: 'BAD_JSON' });
  });

  it('rejects bytes that are not UTF-8 as BAD_JSON', () => {
    const result = parseEnvelope('order.placed.v1', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]));

    expect(result).toMatchObject({ ok: false, reason: 'BAD_JSON' });
  });

  it('rejects JSON that is not an object as INVALID_ENVELOPE', () => {
    for (const body of ['[]', '"order"', '42', 'null']) {
      expect(parseEnvelope('order.placed.v1', body)).toEqual({
        ok: false,
        reason: 'INVALID_ENVELOPE',
        detail: 'envelope: must be a JSON object',
      });
    }
  });

  it('rejects a subject outside the event map as UNKNOWN_SUBJECT', () => {
    const result = parseEnvelope('order.shipped.v1', asJson(placed()));

    expect(result).toMatchObject({ ok: false, reason: 'UNKNOWN_SUBJECT' });
    expect(!result.ok && result.detail).toContain('order.shipped.v1');
  });

  it('rejects a new version of a known event as UNKNOWN_VERSION on its subject', () => {
    const v2 = { ...placed(), version: 2 };

    const result = parseEnvelope('order.placed.v2', asJson(v2));

    expect(result).toMatchObject({ ok: false, reason: 'UNKNOWN_VERSION' });
    expect(!result.ok && result.detail).toContain('known: v1');
  });

  it('rejects a version 2 envelope sent on the v1 subject as UNKNOWN_VERSION', () => {
    const result = parseEnvelope('order.placed.v1', asJson({ ...placed(), version: 2 }));

    expect(result).toMatchObject({ ok: false, reason: 'UNKNOWN_VERSION' });
    expect(!result.ok && result.detail).toMatch(/^version: 2/);
  });

  it('rejects an envelope whose type or producer does not match the subject', () => {
    const wrongType = parseEnvelope('order.placed.v1', { ...placed(), type: 'order.confirmed' });
    const wrongProducer = parseEnvelope('order.placed.v1', { ...placed(), producer: 'payment' });

    expect(wrongType).toMatchObject({ ok: false, reason: 'INVALID_ENVELOPE' });
    expect(!wrongType.ok && wrongType.detail).toMatch(/^type: /);
    expect(wrongProducer).toMatchObject({ ok: false, reason: 'INVALID_ENVELOPE' });
    expect(!wrongProducer.ok && wrongProducer.detail).toMatch(/^producer: /);
  });

  it('rejects an envelope missing a field and names it', () => {
    const result = parseEnvelope(
      'order.placed.v1',
      asJson({ ...placed(), correlationId: undefined }),
    );

    expect(result).toMatchObject({ ok: false, reason: 'INVALID_ENVELOPE' });
    expect(!result.ok && result.detail).toMatch(/^correlationId: /);
  });

  it('rejects an envelope with an unknown field and names it', () => {
    const result = parseEnvelope('order.placed.v1', asJson({ ...placed(), traceId: 'x' }));

    expect(result).toEqual({
      ok: false,
      reason: 'INVALID_ENVELOPE',
      detail: 'traceId: property traceId should not exist',
    });
  });

  it('rejects envelope fields of the wrong type or format, naming each one', () => {
    const bad = {
      ...placed(),
      id: 'not-a-uuid',
      version: '1',
      occurredAt: '2025-01-15T10:00:00+02:00',
    };

    const result = parseEnvelope('order.placed.v1', asJson(bad));

    expect(result).toMatchObject({ ok: false, reason: 'INVALID_ENVELOPE' });
    const detail = result.ok ? '' : result.detail;
    expect(detail).toContain('id: ');
    expect(detail).toContain('version: ');
    expect(detail).toContain('occurredAt: ');
  });

  it('rejects data missing a field as INVALID_DATA and names it under data', () => {
    const data = { ...placed().data, total: undefined };

    const result = parseEnvelope('order.placed.v1', asJson({ ...placed(), data }));

    expect(result).toMatchObject({ ok: false, reason: 'INVALID_DATA' });
    expect(!result.ok && result.detail).toMatch(/^data\.total: /);
  });

  it('rejects an unknown field in data, nested items included', () => {
    const envelope = placed();
    const data = {
      ...envelope.data,
      email: 'someone@example.com',
      items: [{ ...envelope.data.items[0], discount: 10 }],
    };

    const result = parseEnvelope('order.placed.v1', asJson({ ...envelope, data }));

    expect(result).toMatchObject({ ok: false, reason: 'INVALID_DATA' });
    const detail = result.ok ? '' : result.detail;
    expect(detail).toContain('data.email: property email should not exist');
    expect(detail).toContain('data.items.0.discount: property discount should not exist');
  });

  it('rejects data of the wrong types without coercing them, naming each field', () => {
    const envelope = placed();
    const data = {
      ...envelope.data,
      total: '4499',
      currency: 'eur',
      items: [{ ...envelope.data.items[0], quantity: 0 }, 7],
    };

    const result = parseEnvelope('order.placed.v1', asJson({ ...envelope, data }));

    expect(result).toMatchObject({ ok: false, reason: 'INVALID_DATA' });
    const detail = result.ok ? '' : result.detail;
    expect(detail).toContain('data.total: ');
    expect(detail).toContain('data.currency: ');
    expect(detail).toContain('data.items.0.quantity: ');
    expect(detail).toContain('data.items.1: ');
  });

  it('rejects data that is not an object as INVALID_ENVELOPE', () => {
    const result = parseEnvelope('order.placed.v1', asJson({ ...placed(), data: [] }));

    expect(result).toMatchObject({ ok: false, reason: 'INVALID_ENVELOPE' });
    expect(!result.ok && result.detail).toMatch(/^data: /);
  });

  it('rejects a prototype key anywhere in the message, naming where it is', () => {
    const body = asJson(placed()).replace('"data":{', '"data":{"__proto__":{"admin":true},');

    const result = parseEnvelope('order.placed.v1', body);

    expect(result).toEqual({
      ok: false,
      reason: 'INVALID_ENVELOPE',
      detail: 'data.__proto__: __proto__ is not allowed',
    });
  });

  it('answers a failure rather than throwing for absurdly nested input', () => {
    const deep = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    const body = asJson(placed()).replace('"data":{', `"data":{"x":${deep},`);

    const result = parseEnvelope('order.placed.v1', body);

    expect(result.ok).toBe(false);
  });
});
