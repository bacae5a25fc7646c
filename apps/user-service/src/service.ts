import { connectJetStream } from '@polyshop/messaging';
import type { BootstrapOptions } from '@polyshop/service-runtime';

/** How user-service runs: HTTP, core-NATS request/reply and its JetStream consumers. */
export const SERVICE_OPTIONS: BootstrapOptions = {
  name: 'user-service',
  portKey: 'USER_HTTP_PORT',
  rpcServer: true,
  connect: (app) => connectJetStream(app, { service: 'user-service' }),
};
