import type { OrderTimeline, TimelineEntry } from '../api/api.types';

const PLACED_AT = Date.parse('2026-01-05T10:00:00.000Z');

/** The ISO time `ms` after the fixtures' placement. */
export const after = (ms: number) => new Date(PLACED_AT + ms).toISOString();

/**
 * A declined payment, as the API reports it: placement, reservation, a charge retried once then
 * declined (payment.failed), the compensation it causes (inventory.stock-released), and a late
 * duplicate delivery.
 */
export const declinedOrder: OrderTimeline = {
  orderId: '5d0c2f5e-1111-4a4a-9c9c-000000000001',
  status: 'CANCELLED',
  reason: 'PAYMENT_DECLINED',
  placedAt: after(0),
  participants: [
    { service: 'order-service', available: true, state: { status: 'CANCELLED' } },
    { service: 'inventory-service', available: true, state: { reservation: 'RELEASED' } },
    {
      service: 'payment-service',
      available: false,
      state: null,
      error: 'payment-service did not answer',
    },
  ],
  entries: [
    {
      kind: 'PUBLISHED',
      at: after(5),
      eventId: 'e1',
      subject: 'order.placed.v1',
      producer: 'order',
      causationId: null,
      compensation: false,
    },
    {
      kind: 'CONSUMED',
      at: after(20),
      eventId: 'e1',
      subject: 'order.placed.v1',
      service: 'inventory-service',
      attempt: 1,
      outcome: 'PROCESSED',
    },
    {
      kind: 'PUBLISHED',
      at: after(21),
      eventId: 'e2',
      subject: 'inventory.stock-reserved.v1',
      producer: 'inventory',
      causationId: 'e1',
      compensation: false,
    },
    {
      kind: 'CONSUMED',
      at: after(30),
      eventId: 'e2',
      subject: 'inventory.stock-reserved.v1',
      service: 'order-service',
      attempt: 1,
      outcome: 'PROCESSED',
    },
    {
      kind: 'CONSUMED',
      at: after(35),
      eventId: 'e2',
      subject: 'inventory.stock-reserved.v1',
      service: 'payment-service',
      attempt: 1,
      outcome: 'RETRIED',
      detail: 'PSP unavailable',
    },
    {
      kind: 'CONSUMED',
      at: after(300),
      eventId: 'e2',
      subject: 'inventory.stock-reserved.v1',
      service: 'payment-service',
      attempt: 2,
      outcome: 'PROCESSED',
    },
    {
      kind: 'PUBLISHED',
      at: after(301),
      eventId: 'e3',
      subject: 'payment.failed.v1',
      producer: 'payment',
      causationId: 'e2',
      compensation: false,
    },
    {
      kind: 'CONSUMED',
      at: after(310),
      eventId: 'e3',
      subject: 'payment.failed.v1',
      service: 'order-service',
      attempt: 1,
      outcome: 'PROCESSED',
    },
    {
      kind: 'CONSUMED',
      at: after(312),
      eventId: 'e3',
      subject: 'payment.failed.v1',
      service: 'inventory-service',
      attempt: 1,
      outcome: 'PROCESSED',
    },
    {
      kind: 'PUBLISHED',
      at: after(313),
      eventId: 'e4',
      subject: 'inventory.stock-released.v1',
      producer: 'inventory',
      causationId: 'e3',
      compensation: true,
    },
    {
      kind: 'CONSUMED',
      at: after(330),
      eventId: 'e4',
      subject: 'inventory.stock-released.v1',
      service: 'order-service',
      attempt: 1,
      outcome: 'PROCESSED',
    },
    {
      kind: 'CONSUMED',
      at: after(400),
      eventId: 'e3',
      subject: 'payment.failed.v1',
      service: 'inventory-service',
      attempt: 2,
      outcome: 'DUPLICATE',
    },
  ],
  transitions: [
    { at: after(0), from: null, to: 'PENDING', reason: null },
    { at: after(30), from: 'PENDING', to: 'AWAITING_PAYMENT', reason: null },
    { at: after(310), from: 'AWAITING_PAYMENT', to: 'CANCELLED', reason: 'PAYMENT_DECLINED' },
  ],
};

/** A delivery payment-service gave up on, from a service the saga lanes do not name. */
export const deadLetteredEntries: TimelineEntry[] = [
  {
    kind: 'PUBLISHED',
    at: after(10),
    eventId: 'e9',
    subject: 'inventory.stock-reserved.v1',
    producer: 'inventory',
    causationId: null,
    compensation: false,
  },
  {
    kind: 'CONSUMED',
    at: after(50),
    eventId: 'e9',
    subject: 'inventory.stock-reserved.v1',
    service: 'payment-service',
    attempt: 5,
    outcome: 'DEAD_LETTERED',
  },
  {
    kind: 'DEAD_LETTERED',
    at: after(51),
    eventId: 'e9',
    subject: 'inventory.stock-reserved.v1',
    service: 'payment-service',
    reason: 'RETRIES_EXHAUSTED',
    detail: 'PSP unavailable after 5 attempts',
    sequence: 7,
  },
  {
    kind: 'CONSUMED',
    at: after(60),
    eventId: 'e9',
    subject: 'inventory.stock-reserved.v1',
    service: 'audit-service',
    attempt: 1,
    outcome: 'PROCESSED',
  },
];
