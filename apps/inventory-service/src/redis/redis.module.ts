import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Redis from 'ioredis';
import type { InventoryServiceEnv } from '../config/inventory-service.env';
import { InventoryKeys } from './inventory-keys';
import { REDIS } from './redis.constants';

/**
 * inventory-service's own Redis (AOF on) and its key layout. The client reconnects forever
 * after an outage.
 */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [ConfigService],
      useFactory: (config: ConfigService<InventoryServiceEnv, true>) =>
        new Redis(config.get('INVENTORY_REDIS_URL', { infer: true }), {
          connectionName: 'inventory-service',
          maxRetriesPerRequest: 2,
          retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
        }),
    },
    {
      provide: InventoryKeys,
      inject: [ConfigService],
      useFactory: (config: ConfigService<InventoryServiceEnv, true>) =>
        new InventoryKeys(config.get('INVENTORY_KEY_PREFIX', { infer: true })),
    },
  ],
  exports: [REDIS, InventoryKeys],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status === 'end') return;
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
