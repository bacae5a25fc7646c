import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { validateEnv } from '@polyshop/config';
import {
  JetStreamHealthIndicator,
  MessagingModule,
  NatsHealthIndicator,
} from '@polyshop/messaging';
import { HealthModule } from '@polyshop/service-runtime';
import { OrderServiceEnv } from './config/order-service.env';
import { DatabaseModule } from './database/database.module';
import { DatabaseHealthIndicator } from './health/database.health';
import { OutboxInboxModule } from './messaging/outbox-inbox.module';
import { OrdersModule } from './orders/orders.module';
import { PriceReplicaModule } from './price-replica/price-replica.module';

@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      cache: true,
      validate: validateEnv('order-service', OrderServiceEnv),
    }),
    MessagingModule.forRoot('order-service'),
    DatabaseModule,
    OutboxInboxModule,
    PriceReplicaModule,
    OrdersModule,
    HealthModule.forRoot({
      indicators: [DatabaseHealthIndicator, NatsHealthIndicator, JetStreamHealthIndicator],
    }),
  ],
})
export class AppModule {}
