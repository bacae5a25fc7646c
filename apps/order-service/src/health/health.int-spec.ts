import { LOCAL_URLS } from '@polyshop/config';
import { describeServiceHealth } from '@polyshop/testing';
import { SERVICE_OPTIONS } from '../service';

describeServiceHealth({
  ...SERVICE_OPTIONS,
  loadModule: () => import('../app.module').then((m) => m.AppModule),
  dependencies: [
    { keys: ['mariadb'], envVar: 'ORDER_DB_URL', defaultUrl: LOCAL_URLS.orderDb },
    { keys: ['nats', 'jetstream'], envVar: 'NATS_URL', defaultUrl: LOCAL_URLS.nats },
  ],
});
