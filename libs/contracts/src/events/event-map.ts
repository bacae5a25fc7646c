import { INVENTORY_EVENTS } from './inventory.events';
import { ORDER_EVENTS } from './order.events';
import { PAYMENT_EVENTS } from './payment.events';
import { PRODUCT_EVENTS } from './product.events';
import { USER_EVENTS } from './user.events';

/**
 * Every event of the platform, by subject (`<producer>.<event-past-tense>.v<N>`): its envelope
 * `type` and `version`, producer, stream, data class and acting consumers.
 */
export const EVENTS = {
  ...ORDER_EVENTS,
  ...INVENTORY_EVENTS,
  ...PAYMENT_EVENTS,
  ...PRODUCT_EVENTS,
  ...USER_EVENTS,
} as const;

/** A subject of the event map, e.g. `'order.placed.v1'`. */
export type EventSubject = keyof typeof EVENTS;

/** The payload type of a subject: the instance type of its data class. */
export type EventData<S extends EventSubject> = InstanceType<(typeof EVENTS)[S]['dataClass']>;

/** The envelope `type` of a subject, e.g. `'order.placed'`. */
export type EventType<S extends EventSubject> = (typeof EVENTS)[S]['type'];

/** The envelope `version` of a subject, e.g. `1`. */
export type EventVersion<S extends EventSubject> = (typeof EVENTS)[S]['version'];

/** The producer of a subject, e.g. `'order'`. */
export type EventProducer<S extends EventSubject> = (typeof EVENTS)[S]['producer'];

/**
 * Subject constants, so publishers and handlers name a subject once and agree on its data type
 * at compile time. The version is part of the name: a `V2` lives beside its `V1`.
 */
export const SUBJECTS = {
  ORDER_PLACED_V1: 'order.placed.v1',
  ORDER_CONFIRMED_V1: 'order.confirmed.v1',
  ORDER_CANCELLED_V1: 'order.cancelled.v1',
  INVENTORY_STOCK_RESERVED_V1: 'inventory.stock-reserved.v1',
  INVENTORY_STOCK_RESERVATION_FAILED_V1: 'inventory.stock-reservation-failed.v1',
  INVENTORY_STOCK_RELEASED_V1: 'inventory.stock-released.v1',
  PAYMENT_SUCCEEDED_V1: 'payment.succeeded.v1',
  PAYMENT_FAILED_V1: 'payment.failed.v1',
  PAYMENT_REFUNDED_V1: 'payment.refunded.v1',
  PRODUCT_CREATED_V1: 'product.created.v1',
  PRODUCT_PRICE_CHANGED_V1: 'product.price-changed.v1',
  USER_REGISTERED_V1: 'user.registered.v1',
} as const satisfies Record<string, EventSubject>;

/** Every subject of the event map. */
export const EVENT_SUBJECTS = Object.keys(EVENTS) as EventSubject[];

/** Events that undo an earlier effect (shown as compensations on the saga timeline). */
export const COMPENSATION_SUBJECTS = [
  'inventory.stock-released.v1',
  'payment.refunded.v1',
] as const satisfies readonly EventSubject[];

/** True when `subject` is in the event map. */
export function isEventSubject(subject: string): subject is EventSubject {
  return Object.prototype.hasOwnProperty.call(EVENTS, subject);
}
