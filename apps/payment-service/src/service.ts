import { connectJetStream } from '@polyshop/messaging';
import type { BootstrapOptions } from '@polyshop/service-runtime';

/** How payment-service runs: HTTP, core-NATS request/reply and its JetStream consumers. */
export const SERVICE_OPTIONS: BootstrapOptions = {
  name: 'payment-service',
  portKey: 'PAYMENT_HTTP_PORT',
  rpcServer: true,
  connect: (app) => connectJetStream(app, { service: 'payment-service' }),
};
