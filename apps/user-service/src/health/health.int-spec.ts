import { LOCAL_URLS } from '@polyshop/config';
import { describeServiceHealth } from '@polyshop/testing';

describeServiceHealth({
  name: 'user-service',
  rpcServer: true,
  loadModule: () => import('../app.module').then((m) => m.AppModule),
  dependencies: [
    { key: 'postgres', envVar: 'USER_DB_URL', defaultUrl: LOCAL_URLS.userDb },
    { key: 'nats', envVar: 'NATS_URL', defaultUrl: LOCAL_URLS.nats },
  ],
});
