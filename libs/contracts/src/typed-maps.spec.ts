import { createEnvelope } from './envelope/create-envelope';
import type { EventEnvelope, EventHandler } from './envelope/envelope';
import { parseEnvelope } from './envelope/parse-envelope';
import { SUBJECTS, type EventData } from './events/event-map';
import { RPC_PATTERNS, type RpcRequest, type RpcResponse } from './rpc/rpc-map';
import { sampleEnvelope } from './samples';

// These tests are checked by the compiler as much as by Jest: every `@ts-expect-error` line must
// fail to compile, or the suite fails with "Unused '@ts-expect-error' directive".

const meta = { correlationId: 'order-1', causationId: null };
const orderId = '0f3e8d2c-6a1b-4c5d-9e7f-1a2b3c4d5e6f';

describe('typed event map', () => {
  it('lets a publisher build an envelope only with the data of its subject', () => {
    const confirmed = createEnvelope(
      SUBJECTS.ORDER_CONFIRMED_V1,
      { orderId, total: 4499, currency: 'EUR' },
      meta,
    );
    // @ts-expect-error: total is a number of minor units, not a string
    createEnvelope(SUBJECTS.ORDER_CONFIRMED_V1, { orderId, total: '44.99', currency: 'EUR' }, meta);
    createEnvelope(
      SUBJECTS.ORDER_CONFIRMED_V1,
      // @ts-expect-error: payment.succeeded data is not order.confirmed data
      { orderId, paymentId: orderId, amount: 4499, currency: 'EUR' },
      meta,
    );
    // @ts-expect-error: a subject outside the event map does not compile
    const unknown = () => createEnvelope('order.shipped.v1', { orderId }, meta);

    expect(confirmed).toMatchObject({ type: 'order.confirmed', version: 1, producer: 'order' });
    expect(unknown).toThrow('Unknown event subject: order.shipped.v1');
  });

  it('types the envelope type, version and producer of a subject as literals', () => {
    const placed = sampleEnvelope(SUBJECTS.ORDER_PLACED_V1);
    const type: 'order.placed' = placed.type;
    const version: 1 = placed.version;
    // @ts-expect-error: an order.placed.v1 envelope is not an order.cancelled one
    const wrong: 'order.cancelled' = placed.type;

    expect([type, version, wrong]).toEqual(['order.placed', 1, 'order.placed']);
  });

  it('hands a handler the data type of its subject, and only that', () => {
    const reasons: string[] = [];
    const onFailed: EventHandler<'payment.failed.v1'> = (envelope) => {
      reasons.push(envelope.data.reason);
    };
    // @ts-expect-error: a payment.succeeded handler cannot handle payment.failed
    const mismatched: EventHandler<'payment.failed.v1'> = (
      envelope: EventEnvelope<'payment.succeeded.v1'>,
    ) => {
      reasons.push(String(envelope.data.amount));
    };

    const parsed = parseEnvelope(SUBJECTS.PAYMENT_FAILED_V1, sampleEnvelope('payment.failed.v1'));
    if (parsed.ok) void onFailed(parsed.envelope);

    expect(reasons).toEqual(['PAYMENT_DECLINED']);
    expect(typeof mismatched).toBe('function');
  });

  it('derives the data type of a subject from its data class', () => {
    const data: EventData<'user.registered.v1'> = { userId: orderId, role: 'admin' };
    // @ts-expect-error: a role outside USER_ROLES does not compile
    const wrongRole: EventData<'user.registered.v1'> = { userId: orderId, role: 'root' };
    // @ts-expect-error: no PII in events, so there is no email field to fill
    const withEmail: EventData<'user.registered.v1'> = { userId: orderId, role: 'user', email: '' };

    expect([data.role, wrongRole.role, withEmail.role]).toEqual(['admin', 'root', 'user']);
  });
});

describe('typed RPC map', () => {
  it('ties a pattern to its request and response types', () => {
    const request: RpcRequest<typeof RPC_PATTERNS.ORDERS_PLACE> = {
      userId: orderId,
      items: [{ productId: '665f1c2ab4d3e2f1a0b9c8d7', quantity: 1 }],
      paymentToken: 'tok_visa',
    };
    const reply: RpcResponse<'rpc.orders.place'> = { id: orderId, status: 'PENDING' };
    // @ts-expect-error: an order status outside ORDER_STATUSES does not compile
    const badReply: RpcResponse<'rpc.orders.place'> = { id: orderId, status: 'SHIPPED' };
    // @ts-expect-error: products.get replies with a product, not a page
    const notAPage: RpcResponse<'rpc.products.get'> = { items: [], total: 0 };

    expect([request.items.length, reply.status, badReply.id, notAPage]).toEqual([
      1,
      'PENDING',
      orderId,
      { items: [], total: 0 },
    ]);
  });
});
