import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { withLockedMigrations } from '@polyshop/service-runtime';
import { DataSource } from 'typeorm';
import type { UserServiceEnv } from '../config/user-service.env';
import { USER_SERVICE_MIGRATIONS } from './migrations';

/** user-service's own PostgreSQL server; the schema only changes through migrations. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<UserServiceEnv, true>) => ({
        type: 'postgres',
        url: config.get('USER_DB_URL', { infer: true }),
        applicationName: 'user-service',
        synchronize: false,
        migrations: USER_SERVICE_MIGRATIONS,
        // Entities come from each feature's TypeOrmModule.forFeature.
        autoLoadEntities: true,
        // A call fails fast rather than waiting on a server that does not answer.
        connectTimeoutMS: 5_000,
      }),
      // Migrations run once initialised, under a database lock: replicas booting together take
      // turns (TypeORM's migrationsRun takes no lock).
      dataSourceFactory: withLockedMigrations(DataSource, { dialect: 'postgres' }),
    }),
  ],
})
export class DatabaseModule {}
