/** Prefix of inventory-service's keys; inbox records are `redisInboxKey(KEY_PREFIX, ...)`. */
export const KEY_PREFIX = 'inventory:';

/** The outbox stream that inventory-service's Lua scripts append to (`REDIS_OUTBOX_LUA`). */
export const OUTBOX_STREAM_KEY = `${KEY_PREFIX}outbox`;
