import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ServiceAppOptions } from '@polyshop/service-runtime';
import { setUpApiDocs } from './docs/api-docs';
import { acceptJsonBodiesOnly } from './validation/json-bodies-only';
import { parseJsonBodiesSafely } from './validation/json-body-parser';

/** How the gateway is created, by `main.ts` and by the integration tests alike. */
export const GATEWAY_APP_OPTIONS: ServiceAppOptions = {
  name: 'api-gateway',
  rpcServer: false,
  connect: (app: NestFastifyApplication) => {
    acceptJsonBodiesOnly(app);
    parseJsonBodiesSafely(app);
    setUpApiDocs(app);
  },
};
