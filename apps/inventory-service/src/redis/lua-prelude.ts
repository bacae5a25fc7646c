import { REDIS_INBOX_LUA, REDIS_OUTBOX_LUA } from '@polyshop/messaging';

/**
 * Lua pasted at the top of every inventory script: the messaging library's inbox and outbox
 * fragments plus two helpers.
 *
 * - `inventory_inbox_record(key, ttl)`: `polyshop_inbox_record`, except that a TTL of `'0'` marks
 *   a call that handles no event (the expiry sweeper): there is nothing to record, and true.
 * - `inventory_fill(payload, placeholder, value)`: a prebuilt event payload with its placeholder
 *   (present exactly once, checked by the caller) replaced by a value only the script knows.
 */
export const INVENTORY_LUA_PRELUDE = `${REDIS_INBOX_LUA}${REDIS_OUTBOX_LUA}
local function inventory_inbox_record(key, ttl_seconds)
  if ttl_seconds == '0' then return true end
  return polyshop_inbox_record(key, ttl_seconds)
end

local function inventory_fill(payload, placeholder, value)
  local from, to = string.find(payload, placeholder, 1, true)
  return string.sub(payload, 1, from - 1) .. value .. string.sub(payload, to + 1)
end
`;
