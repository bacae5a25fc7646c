import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { validateEnv } from '@polyshop/config';
import { NatsHealthIndicator, NatsModule } from '@polyshop/messaging';
import { HealthModule } from '@polyshop/service-runtime';
import { ApiGatewayEnv } from './config/api-gateway.env';

@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      cache: true,
      validate: validateEnv('api-gateway', ApiGatewayEnv),
    }),
    NatsModule.forRoot('api-gateway'),
    HealthModule.forRoot({ indicators: [NatsHealthIndicator] }),
  ],
})
export class AppModule {}
