import { decodeNestReply, encodeNestRequest } from './nest-nats-wire';

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('Nest NATS wire format', () => {
  it('encodes a request as {pattern, data, id}', () => {
    const body = encodeNestRequest('rpc.products.get', { productId: 'p' }, 'id-1');

    expect(JSON.parse(new TextDecoder().decode(body))).toEqual({
      pattern: 'rpc.products.get',
      data: { productId: 'p' },
      id: 'id-1',
    });
  });

  it('reads the response of a reply, with or without isDisposed', () => {
    expect(decodeNestReply(bytes({ id: 'i', response: { a: 1 }, isDisposed: true }))).toEqual({
      ok: true,
      response: { a: 1 },
    });
    expect(decodeNestReply(bytes({ id: 'i', response: [] }))).toEqual({ ok: true, response: [] });
  });

  it('reads a handler that returned nothing as an undefined response', () => {
    expect(decodeNestReply(bytes({ id: 'i', isDisposed: true }))).toEqual({
      ok: true,
      response: undefined,
    });
  });

  it('reports the err of a failed handler', () => {
    expect(decodeNestReply(bytes({ id: 'i', err: { status: 'error', message: 'boom' } }))).toEqual({
      ok: false,
      error: 'boom',
    });
    expect(decodeNestReply(bytes({ id: 'i', err: 'plain' }))).toEqual({
      ok: false,
      error: 'plain',
    });
  });

  it('takes a body without reply members as the answer itself, like Nest’s client', () => {
    expect(decodeNestReply(bytes({ items: [], total: 0 }))).toEqual({
      ok: true,
      response: { items: [], total: 0 },
    });
  });

  it('reports a body that is not JSON or not an object as a failure', () => {
    expect(decodeNestReply(new TextEncoder().encode('{'))).toEqual({
      ok: false,
      error: 'the reply is not JSON',
    });
    expect(decodeNestReply(bytes([1]))).toEqual({ ok: false, error: 'the reply is not an object' });
    expect(decodeNestReply(new Uint8Array([0xff, 0xfe]))).toMatchObject({ ok: false });
  });
});
