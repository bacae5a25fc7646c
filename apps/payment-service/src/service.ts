import { DEFAULT_CONSUMER_OPTIONS, connectJetStream } from '@polyshop/messaging';
import type { BootstrapOptions } from '@polyshop/service-runtime';

/**
 * How payment-service consumes events. Its handlers read `maxAttempts` to know a delivery's last
 * attempt (a PSP still unavailable then ends in `payment.failed.v1`, not a dead letter).
 */
export const CONSUMER_OPTIONS = {
  service: 'payment-service',
  maxAttempts: DEFAULT_CONSUMER_OPTIONS.maxAttempts,
} as const;

/** How payment-service runs: HTTP, core-NATS request/reply and its JetStream consumers. */
export const SERVICE_OPTIONS: BootstrapOptions = {
  name: 'payment-service',
  portKey: 'PAYMENT_HTTP_PORT',
  rpcServer: true,
  connect: (app) => connectJetStream(app, CONSUMER_OPTIONS),
};
