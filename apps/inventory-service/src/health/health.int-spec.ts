import { LOCAL_URLS } from '@polyshop/config';
import { describeServiceHealth } from '@polyshop/testing';

describeServiceHealth({
  name: 'inventory-service',
  rpcServer: true,
  loadModule: () => import('../app.module').then((m) => m.AppModule),
  dependencies: [
    { key: 'redis', envVar: 'INVENTORY_REDIS_URL', defaultUrl: LOCAL_URLS.inventoryRedis },
    { key: 'nats', envVar: 'NATS_URL', defaultUrl: LOCAL_URLS.nats },
  ],
});
