import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerModule } from '@nestjs/throttler';
import type { ApiGatewayEnv } from '../config/api-gateway.env';
import { RateLimitGuard } from './rate-limit.guard';

/**
 * The limits of `@RateLimit(...)` routes, from the environment. Counters live in this process's
 * memory (the gateway has no store): with N replicas a client gets up to N times the limit.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<ApiGatewayEnv, true>) => {
        const ttl = config.get('RATE_LIMIT_WINDOW_SECONDS', { infer: true }) * 1000;
        return {
          throttlers: [
            { name: 'auth', ttl, limit: config.get('RATE_LIMIT_AUTH', { infer: true }) },
            { name: 'orders', ttl, limit: config.get('RATE_LIMIT_ORDERS', { infer: true }) },
          ],
        };
      },
    }),
  ],
  providers: [RateLimitGuard],
  exports: [ThrottlerModule, RateLimitGuard],
})
export class RateLimitModule {}
