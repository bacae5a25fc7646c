import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { validateEnv } from '@polyshop/config';
import {
  JetStreamHealthIndicator,
  MessagingModule,
  NatsHealthIndicator,
} from '@polyshop/messaging';
import { HealthModule } from '@polyshop/service-runtime';
import { UserServiceEnv } from './config/user-service.env';
import { DatabaseModule } from './database/database.module';
import { DatabaseHealthIndicator } from './health/database.health';
import { OutboxInboxModule } from './messaging/outbox-inbox.module';
import { UsersModule } from './users/users.module';

@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      cache: true,
      validate: validateEnv('user-service', UserServiceEnv),
    }),
    MessagingModule.forRoot('user-service'),
    DatabaseModule,
    OutboxInboxModule,
    UsersModule,
    HealthModule.forRoot({
      indicators: [DatabaseHealthIndicator, NatsHealthIndicator, JetStreamHealthIndicator],
    }),
  ],
})
export class AppModule {}
