import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { validateEnv } from '@polyshop/config';
import { MessageContextInterceptor, NatsHealthIndicator, NatsModule } from '@polyshop/messaging';
import { HealthModule } from '@polyshop/service-runtime';
import { AdminModule } from './admin/admin.module';
import { AuthModule } from './auth/auth.module';
import { ApiGatewayEnv } from './config/api-gateway.env';
import { ConsoleModule } from './console/console.module';
import { PlatformHealthModule } from './health/platform-health.module';
import { InventoryModule } from './inventory/inventory.module';
import { OrdersModule } from './orders/orders.module';
import { CorrelationIdInterceptor } from './problems/correlation-id.interceptor';
import { ProblemDetailsFilter } from './problems/problem-details.filter';
import { createValidationPipe } from './validation/validation.pipe';
import { ProductsModule } from './products/products.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { RpcModule } from './rpc/rpc.module';
import { UsersModule } from './users/users.module';

@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      cache: true,
      validate: validateEnv('api-gateway', ApiGatewayEnv),
    }),
    NatsModule.forRoot('api-gateway'),
    // The gateway's own readiness (its NATS connection): what its orchestrator probes.
    HealthModule.forRoot({ indicators: [NatsHealthIndicator] }),
    RpcModule,
    RateLimitModule,
    AuthModule,
    UsersModule,
    ProductsModule,
    InventoryModule,
    OrdersModule,
    AdminModule,
    PlatformHealthModule,
    ConsoleModule,
  ],
  providers: [
    // Every request starts (or continues) a correlation id and a W3C trace, answered back.
    { provide: APP_INTERCEPTOR, useClass: MessageContextInterceptor },
    { provide: APP_INTERCEPTOR, useClass: CorrelationIdInterceptor },
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
  ],
})
export class AppModule {}
