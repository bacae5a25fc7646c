import { Module } from '@nestjs/common';
import { OutboxRelay, RedisOutboxStore, provideOutboxRelay } from '@polyshop/messaging';
import type Redis from 'ioredis';
import { InventoryKeys } from '../redis/inventory-keys';
import { REDIS } from '../redis/redis.constants';

/**
 * inventory-service's transactional outbox: a stream of its own Redis (`InventoryKeys.outbox`)
 * that its Lua scripts append to with `REDIS_OUTBOX_LUA`, and the relay that publishes it to the
 * INVENTORY stream (its first claim at bootstrap creates the relays' consumer group). The inbox
 * needs no provider: scripts record with `REDIS_INBOX_LUA` on `InventoryKeys.inbox(...)` keys,
 * which expire. Business code imports this module and injects `OutboxRelay` to kick it after
 * a script that appended events.
 */
@Module({
  providers: [
    {
      provide: RedisOutboxStore,
      inject: [REDIS, InventoryKeys],
      useFactory: (redis: Redis, keys: InventoryKeys) =>
        new RedisOutboxStore(redis, { stream: keys.outbox }),
    },
    provideOutboxRelay({ inject: [RedisOutboxStore], store: (store: RedisOutboxStore) => store }),
  ],
  exports: [OutboxRelay],
})
export class OutboxModule {}
