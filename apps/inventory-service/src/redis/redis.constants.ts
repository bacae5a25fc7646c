/** Injection token of inventory-service's ioredis client. */
export const REDIS = Symbol('REDIS');
