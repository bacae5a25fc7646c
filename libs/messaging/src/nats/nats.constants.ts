/** Injection token of the service's shared NATS connection. */
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
