import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { validateEnv } from '@polyshop/config';
import {
  JetStreamHealthIndicator,
  MessagingModule,
  NatsHealthIndicator,
} from '@polyshop/messaging';
import { HealthModule } from '@polyshop/service-runtime';
import { InventoryServiceEnv } from './config/inventory-service.env';
import { RedisHealthIndicator } from './health/redis.health';
import { OutboxModule } from './messaging/outbox.module';
import { RedisModule } from './redis/redis.module';
import { ReservationsModule } from './reservations/reservations.module';
import { StockModule } from './stock/stock.module';
import { TimelineModule } from './timeline/timeline.module';

@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      cache: true,
      validate: validateEnv('inventory-service', InventoryServiceEnv),
    }),
    MessagingModule.forRoot('inventory-service'),
    RedisModule,
    OutboxModule,
    StockModule,
    ReservationsModule,
    TimelineModule,
    HealthModule.forRoot({
      indicators: [RedisHealthIndicator, NatsHealthIndicator, JetStreamHealthIndicator],
    }),
  ],
})
export class AppModule {}
