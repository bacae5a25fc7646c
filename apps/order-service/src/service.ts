import { connectJetStream } from '@polyshop/messaging';
import type { BootstrapOptions } from '@polyshop/service-runtime';

/** How order-service runs: HTTP, core-NATS request/reply and its JetStream consumers. */
export const SERVICE_OPTIONS: BootstrapOptions = {
  name: 'order-service',
  portKey: 'ORDER_HTTP_PORT',
  rpcServer: true,
  connect: (app) => connectJetStream(app, { service: 'order-service' }),
};
