/** The six apps of the platform, as named under `apps/`. */
export const SERVICES = [
  'api-gateway',
  'user-service',
  'product-service',
  'order-service',
  'inventory-service',
  'payment-service',
] as const;

export type ServiceName = (typeof SERVICES)[number];

/** The services that publish events, by the short name used in subjects and envelopes. */
export const PRODUCERS = ['order', 'inventory', 'payment', 'product', 'user'] as const;

export type Producer = (typeof PRODUCERS)[number];

/** The app that owns each producer name. */
export const PRODUCER_SERVICE = {
  order: 'order-service',
  inventory: 'inventory-service',
  payment: 'payment-service',
  product: 'product-service',
  user: 'user-service',
} as const satisfies Record<Producer, ServiceName>;

/** True when `value` is one of the six app names. */
export function isServiceName(value: string): value is ServiceName {
  return (SERVICES as readonly string[]).includes(value);
}
