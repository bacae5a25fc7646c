import { LOCAL_URLS } from '@polyshop/config';
import { describeServiceHealth } from '@polyshop/testing';

describeServiceHealth({
  name: 'payment-service',
  rpcServer: true,
  loadModule: () => import('../app.module').then((m) => m.AppModule),
  dependencies: [
    { key: 'postgres', envVar: 'PAYMENT_DB_URL', defaultUrl: LOCAL_URLS.paymentDb },
    { key: 'nats', envVar: 'NATS_URL', defaultUrl: LOCAL_URLS.nats },
  ],
});
