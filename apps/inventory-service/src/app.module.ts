import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { validateEnv } from '@polyshop/config';
import { NatsHealthIndicator, NatsModule } from '@polyshop/messaging';
import { HealthModule } from '@polyshop/service-runtime';
import { InventoryServiceEnv } from './config/inventory-service.env';
import { RedisHealthIndicator } from './health/redis.health';
import { RedisModule } from './redis/redis.module';

@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      cache: true,
      validate: validateEnv('inventory-service', InventoryServiceEnv),
    }),
    NatsModule.forRoot('inventory-service'),
    RedisModule,
    HealthModule.forRoot({ indicators: [RedisHealthIndicator, NatsHealthIndicator] }),
  ],
})
export class AppModule {}
