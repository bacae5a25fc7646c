import { LOCAL_URLS } from '@polyshop/config';
import { describeLockedMigrations } from '@polyshop/testing';
import { DataSource } from 'typeorm';
import { DatabaseModule } from './database.module';

describeLockedMigrations({
  title: 'user-service migrations at boot, with several replicas (PostgreSQL)',
  dialect: 'postgres',
  serverUrl: process.env.USER_DB_URL ?? LOCAL_URLS.userDb,
  databasePrefix: 'users',
  module: DatabaseModule,
  urlVariable: 'USER_DB_URL',
  DataSource,
});
