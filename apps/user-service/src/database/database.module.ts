import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
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
        migrationsRun: true,
        migrations: USER_SERVICE_MIGRATIONS,
        // Entities come from each feature's TypeOrmModule.forFeature.
        autoLoadEntities: true,
        // A call fails fast rather than waiting on a server that does not answer.
        connectTimeoutMS: 5_000,
      }),
    }),
  ],
})
export class DatabaseModule {}
