import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { validateEnv } from '@polyshop/config';
import {
  JetStreamHealthIndicator,
  MessagingModule,
  NatsHealthIndicator,
} from '@polyshop/messaging';
import { HealthModule } from '@polyshop/service-runtime';
import { PaymentServiceEnv } from './config/payment-service.env';
import { DatabaseModule } from './database/database.module';
import { DatabaseHealthIndicator } from './health/database.health';
import { OutboxInboxModule } from './messaging/outbox-inbox.module';
import { PaymentsModule } from './payments/payments.module';

@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      cache: true,
      validate: validateEnv('payment-service', PaymentServiceEnv),
    }),
    MessagingModule.forRoot('payment-service'),
    DatabaseModule,
    OutboxInboxModule,
    PaymentsModule,
    HealthModule.forRoot({
      indicators: [DatabaseHealthIndicator, NatsHealthIndicator, JetStreamHealthIndicator],
    }),
  ],
})
export class AppModule {}
