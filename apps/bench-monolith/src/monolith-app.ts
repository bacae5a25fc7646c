import type { BootstrapOptions } from '@polyshop/service-runtime';

/** HTTP only: no NATS request/reply, no JetStream; by `main.ts` and the integration test. */
export const MONOLITH_APP_OPTIONS: BootstrapOptions = {
  name: 'bench-monolith',
  portKey: 'BENCH_MONOLITH_HTTP_PORT',
  rpcServer: false,
};
