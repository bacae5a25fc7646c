import { connectJetStream } from '@polyshop/messaging';
import type { BootstrapOptions } from '@polyshop/service-runtime';

/** How inventory-service runs: HTTP, core-NATS request/reply and its JetStream consumers. */
export const SERVICE_OPTIONS: BootstrapOptions = {
  name: 'inventory-service',
  portKey: 'INVENTORY_HTTP_PORT',
  rpcServer: true,
  connect: (app) => connectJetStream(app, { service: 'inventory-service' }),
};
