import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { validateEnv } from '@polyshop/config';
import { NatsHealthIndicator, NatsModule } from '@polyshop/messaging';
import { HealthModule } from '@polyshop/service-runtime';
import { ProductServiceEnv } from './config/product-service.env';
import { DatabaseModule } from './database/database.module';
import { DatabaseHealthIndicator } from './health/database.health';

@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      cache: true,
      validate: validateEnv('product-service', ProductServiceEnv),
    }),
    NatsModule.forRoot('product-service'),
    DatabaseModule,
    HealthModule.forRoot({ indicators: [DatabaseHealthIndicator, NatsHealthIndicator] }),
  ],
})
export class AppModule {}
