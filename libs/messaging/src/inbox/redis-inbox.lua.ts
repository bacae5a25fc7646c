/**
 * Lua to paste at the top of a service's script, beside `REDIS_OUTBOX_LUA`. It defines
 * `polyshop_inbox_record(key, ttl_seconds)`: true the first time `key` is recorded, false for
 * a duplicate. Call it after the script's checks and before its first write, and return early
 * on false:
 *
 * ```lua
 * if not polyshop_inbox_record(KEYS[2], ARGV[1]) then return 'duplicate' end
 * ```
 *
 * Redis runs the script atomically, so the record and the effect are one unit. The key
 * expires after the TTL, which must exceed how long JetStream may redeliver the message.
 */
export const REDIS_INBOX_LUA = `
local function polyshop_inbox_record(key, ttl_seconds)
  return redis.call('SET', key, '1', 'NX', 'EX', ttl_seconds) ~= false
end
`;

/** Default TTL of a Redis inbox record: 7 days. */
export const REDIS_INBOX_TTL_SECONDS = 7 * 24 * 60 * 60;

/** The inbox key of (consumer, event id) under the service's key prefix. */
export function redisInboxKey(prefix: string, consumer: string, eventId: string): string {
  return `${prefix}inbox:${consumer}:${eventId}`;
}
