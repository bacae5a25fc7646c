import { LOCAL_URLS } from '@polyshop/config';
import { describeServiceHealth } from '@polyshop/testing';

describeServiceHealth({
  name: 'api-gateway',
  rpcServer: false,
  loadModule: () => import('../app.module').then((m) => m.AppModule),
  dependencies: [{ keys: ['nats'], envVar: 'NATS_URL', defaultUrl: LOCAL_URLS.nats }],
});
