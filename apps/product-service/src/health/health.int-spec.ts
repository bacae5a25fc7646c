import { LOCAL_URLS } from '@polyshop/config';
import { describeServiceHealth } from '@polyshop/testing';

describeServiceHealth({
  name: 'product-service',
  rpcServer: true,
  loadModule: () => import('../app.module').then((m) => m.AppModule),
  dependencies: [
    { key: 'mongodb', envVar: 'PRODUCT_MONGO_URL', defaultUrl: LOCAL_URLS.productMongo },
    { key: 'nats', envVar: 'NATS_URL', defaultUrl: LOCAL_URLS.nats },
  ],
});
