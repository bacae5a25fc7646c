import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { UserServiceEnv } from '../config/user-service.env';
import { MessagingTables1763700000000 } from './migrations/1763700000000-messaging-tables';

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
        migrations: [MessagingTables1763700000000],
        entities: [],
      }),
    }),
  ],
})
export class DatabaseModule {}
