import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { validateEnv } from '@polyshop/config';
import { MessageContextInterceptor, NatsHealthIndicator, NatsModule } from '@polyshop/messaging';
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
  // Every request starts (or continues) a correlation id and a W3C trace.
  providers: [{ provide: APP_INTERCEPTOR, useClass: MessageContextInterceptor }],
})
export class AppModule {}
