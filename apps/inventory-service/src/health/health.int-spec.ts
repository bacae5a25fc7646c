import { LOCAL_URLS } from '@polyshop/config';
import { describeServiceHealth } from '@polyshop/testing';
import { SERVICE_OPTIONS } from '../service';

describeServiceHealth({
  ...SERVICE_OPTIONS,
  loadModule: () => import('../app.module').then((m) => m.AppModule),
  dependencies: [
    { keys: ['redis'], envVar: 'INVENTORY_REDIS_URL', defaultUrl: LOCAL_URLS.inventoryRedis },
    { keys: ['nats', 'jetstream'], envVar: 'NATS_URL', defaultUrl: LOCAL_URLS.nats },
  ],
});
