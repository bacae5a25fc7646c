import { LOCAL_URLS } from '@polyshop/config';
import { describeLockedMigrations } from '@polyshop/testing';
import { DataSource } from 'typeorm';
import { DatabaseModule } from './database.module';

describeLockedMigrations({
  title: 'order-service migrations at boot, with several replicas (MariaDB)',
  dialect: 'mysql',
  serverUrl: process.env.ORDER_DB_URL ?? LOCAL_URLS.orderDb,
  // The local user may create `orders_*` databases only.
  databasePrefix: 'orders',
  module: DatabaseModule,
  urlVariable: 'ORDER_DB_URL',
  DataSource,
});
