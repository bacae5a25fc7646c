import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { validateEnv } from '@polyshop/config';
import {
  JetStreamHealthIndicator,
  MessagingModule,
  NatsHealthIndicator,
} from '@polyshop/messaging';
import { HealthModule } from '@polyshop/service-runtime';
import { ProductServiceEnv } from './config/product-service.env';
import { DatabaseModule } from './database/database.module';
import { DatabaseHealthIndicator } from './health/database.health';
import { OutboxInboxModule } from './messaging/outbox-inbox.module';
import { ProductsModule } from './products/products.module';

@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      cache: true,
      validate: validateEnv('product-service', ProductServiceEnv),
    }),
    MessagingModule.forRoot('product-service'),
    DatabaseModule,
    OutboxInboxModule,
    ProductsModule,
    HealthModule.forRoot({
      indicators: [DatabaseHealthIndicator, NatsHealthIndicator, JetStreamHealthIndicator],
    }),
  ],
})
export class AppModule {}
