import { LOCAL_URLS } from '@polyshop/config';
import { describeLockedMigrations } from '@polyshop/testing';
import { DataSource } from 'typeorm';
import { DatabaseModule } from './database.module';

describeLockedMigrations({
  title: 'payment-service migrations at boot, with several replicas (PostgreSQL)',
  dialect: 'postgres',
  serverUrl: process.env.PAYMENT_DB_URL ?? LOCAL_URLS.paymentDb,
  databasePrefix: 'payments',
  module: DatabaseModule,
  urlVariable: 'PAYMENT_DB_URL',
  DataSource,
});
