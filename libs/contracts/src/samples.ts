import { createEnvelope, type EnvelopeMeta } from './envelope/create-envelope';
import type { EventEnvelope } from './envelope/envelope';
import type { EventData, EventSubject } from './events/event-map';

/**
 * Deterministic sample envelopes, one per subject: the golden files under `samples/` are these,
 * serialised. They tell four small stories: a confirmed order (A), an order rejected for stock
 * (R), an order whose payment was declined (D), and an order cancelled by timeout whose late
 * charge was refunded (T); plus a product created and repriced and a user registered.
 */
const ID = {
  user: '5f0c3a9e-2b7d-4e1f-9a6c-3d8b1e7f2a04',
  orderA: '0f3e8d2c-6a1b-4c5d-9e7f-1a2b3c4d5e6f',
  orderR: '3c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e7f',
  orderD: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
  orderT: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  paymentA: '4d5e6f7a-8b9c-4d0e-af1a-3b4c5d6e7f80',
  paymentD: '6f7a8b9c-0d1e-4f2a-813c-5d6e7f8091a2',
  paymentT: '5e6f7a8b-9c0d-4e1f-b02b-4c5d6e7f8091',
  refundT: '7a8b9c0d-1e2f-4a3b-924d-6e7f8091a2b3',
  mug: '665f1c2ab4d3e2f1a0b9c8d7',
  tee: '665f1c2ab4d3e2f1a0b9c8d8',
  placeRequest: 'a0000000-0000-4000-8000-000000000001',
  createProductRequest: 'a0000000-0000-4000-8000-000000000002',
  repriceRequest: 'a0000000-0000-4000-8000-000000000003',
  registerRequest: 'a0000000-0000-4000-8000-000000000004',
  placedR: 'e0000000-0000-4000-8000-000000000101',
  reservedD: 'e0000000-0000-4000-8000-000000000102',
} as const;

const eventId = (n: number): string => `e0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = (time: string): string => `2025-01-15T${time}Z`;

type SampleMeta = Required<EnvelopeMeta> & { readonly occurredAt: string };

const SAMPLE_META: { readonly [S in EventSubject]: SampleMeta } = {
  'order.placed.v1': {
    id: eventId(1),
    correlationId: ID.orderA,
    causationId: ID.placeRequest,
    occurredAt: at('10:00:00.000'),
  },
  'inventory.stock-reserved.v1': {
    id: eventId(2),
    correlationId: ID.orderA,
    causationId: eventId(1),
    occurredAt: at('10:00:00.120'),
  },
  'payment.succeeded.v1': {
    id: eventId(3),
    correlationId: ID.orderA,
    causationId: eventId(2),
    occurredAt: at('10:00:00.450'),
  },
  'order.confirmed.v1': {
    id: eventId(4),
    correlationId: ID.orderA,
    causationId: eventId(3),
    occurredAt: at('10:00:00.600'),
  },
  'inventory.stock-reservation-failed.v1': {
    id: eventId(5),
    correlationId: ID.orderR,
    causationId: ID.placedR,
    occurredAt: at('10:05:00.100'),
  },
  'payment.failed.v1': {
    id: eventId(6),
    correlationId: ID.orderD,
    causationId: ID.reservedD,
    occurredAt: at('10:10:00.400'),
  },
  'order.cancelled.v1': {
    id: eventId(7),
    correlationId: ID.orderT,
    causationId: null,
    occurredAt: at('10:30:00.000'),
  },
  'inventory.stock-released.v1': {
    id: eventId(8),
    correlationId: ID.orderT,
    causationId: eventId(7),
    occurredAt: at('10:30:00.150'),
  },
  'payment.refunded.v1': {
    id: eventId(9),
    correlationId: ID.orderT,
    causationId: eventId(7),
    occurredAt: at('10:30:00.300'),
  },
  'product.created.v1': {
    id: eventId(10),
    correlationId: ID.createProductRequest,
    causationId: ID.createProductRequest,
    occurredAt: at('09:00:00.000'),
  },
  'product.price-changed.v1': {
    id: eventId(11),
    correlationId: ID.repriceRequest,
    causationId: ID.repriceRequest,
    occurredAt: at('11:00:00.000'),
  },
  'user.registered.v1': {
    id: eventId(12),
    correlationId: ID.registerRequest,
    causationId: ID.registerRequest,
    occurredAt: at('09:30:00.000'),
  },
};

const SAMPLE_DATA: { readonly [S in EventSubject]: EventData<S> } = {
  'order.placed.v1': {
    orderId: ID.orderA,
    userId: ID.user,
    items: [
      { productId: ID.mug, quantity: 2, unitPrice: 1250 },
      { productId: ID.tee, quantity: 1, unitPrice: 1999 },
    ],
    total: 4499,
    currency: 'EUR',
    paymentToken: 'tok_visa',
  },
  'inventory.stock-reserved.v1': {
    orderId: ID.orderA,
    items: [
      { productId: ID.mug, quantity: 2 },
      { productId: ID.tee, quantity: 1 },
    ],
    expiresAt: at('10:15:00.120'),
  },
  'payment.succeeded.v1': {
    orderId: ID.orderA,
    paymentId: ID.paymentA,
    amount: 4499,
    currency: 'EUR',
  },
  'order.confirmed.v1': { orderId: ID.orderA, total: 4499, currency: 'EUR' },
  'inventory.stock-reservation-failed.v1': {
    orderId: ID.orderR,
    reason: 'OUT_OF_STOCK',
    shortages: [{ productId: ID.mug, requested: 5, available: 2 }],
  },
  'payment.failed.v1': { orderId: ID.orderD, paymentId: ID.paymentD, reason: 'PAYMENT_DECLINED' },
  'order.cancelled.v1': {
    orderId: ID.orderT,
    reason: 'TIMEOUT',
    previousStatus: 'AWAITING_PAYMENT',
  },
  'inventory.stock-released.v1': {
    orderId: ID.orderT,
    items: [{ productId: ID.tee, quantity: 1 }],
    reason: 'ORDER_CANCELLED',
  },
  'payment.refunded.v1': {
    orderId: ID.orderT,
    paymentId: ID.paymentT,
    refundId: ID.refundT,
    amount: 1999,
    currency: 'EUR',
  },
  'product.created.v1': {
    productId: ID.mug,
    sku: 'MUG-001',
    name: 'Polyshop mug',
    price: 1250,
    currency: 'EUR',
    initialStock: 100,
  },
  'product.price-changed.v1': {
    productId: ID.mug,
    price: 1350,
    previousPrice: 1250,
    currency: 'EUR',
  },
  'user.registered.v1': { userId: ID.user, role: 'user' },
};

/**
 * The canonical sample envelope of `subject` (a fresh copy each call): deterministic ids and
 * dates, valid data. Tests and docs use it; the golden file `samples/<subject>.json` must equal it.
 */
export function sampleEnvelope<S extends EventSubject>(subject: S): EventEnvelope<S> {
  return createEnvelope(subject, structuredClone(SAMPLE_DATA[subject]), SAMPLE_META[subject]);
}
