import { REDIS_INBOX_LUA, REDIS_OUTBOX_LUA } from '@polyshop/messaging';

/**
 * Lua pasted at the top of every inventory script: the messaging library's inbox and outbox
 * fragments plus three helpers.
 *
 * - `inventory_inbox_record(key, ttl)`: `polyshop_inbox_record`, except that a TTL of `'0'` marks
 *   a call that handles no event (the expiry sweeper): there is nothing to record, and true.
 * - `inventory_fill(payload, placeholder, value)`: a prebuilt event payload with its placeholder
 *   (present exactly once, checked by the caller) replaced by a value only the script knows.
 * - `inventory_journal(key, ttl, consumed, detail, published)`: appends to the order's saga
 *   journal (one RPUSH) the entry of the event handled (`consumed`, a JSON object; `''` when none
 *   is handled), given a `detail` when it had no effect, then the entry of the event published
 *   (`published`, or nil/`''`), and makes the journal expire `ttl` seconds later.
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

local function inventory_journal(key, ttl, consumed, detail, published)
  local entries = {}
  if consumed ~= '' then
    if detail then consumed = string.sub(consumed, 1, -2) .. ',"detail":"' .. detail .. '"}' end
    entries[#entries + 1] = consumed
  end
  if published and published ~= '' then entries[#entries + 1] = published end
  if #entries == 0 then return end
  redis.call('RPUSH', key, unpack(entries))
  redis.call('EXPIRE', key, ttl)
end
`;
