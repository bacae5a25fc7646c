import { connectJetStream } from '@polyshop/messaging';
import type { BootstrapOptions } from '@polyshop/service-runtime';

/** How product-service runs: HTTP, core-NATS request/reply and its JetStream consumers. */
export const SERVICE_OPTIONS: BootstrapOptions = {
  name: 'product-service',
  portKey: 'PRODUCT_HTTP_PORT',
  rpcServer: true,
  connect: (app) => connectJetStream(app, { service: 'product-service' }),
};
