import { LOCAL_URLS } from '@polyshop/config';
import { describeServiceHealth } from '@polyshop/testing';

describeServiceHealth({
  name: 'order-service',
  rpcServer: true,
  loadModule: () => import('../app.module').then((m) => m.AppModule),
  dependencies: [
    { key: 'mariadb', envVar: 'ORDER_DB_URL', defaultUrl: LOCAL_URLS.orderDb },
    { key: 'nats', envVar: 'NATS_URL', defaultUrl: LOCAL_URLS.nats },
  ],
});
