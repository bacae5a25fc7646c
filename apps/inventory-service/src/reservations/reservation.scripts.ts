import { INVENTORY_LUA_PRELUDE } from '../redis/lua-prelude';
import { LuaScript } from '../redis/lua-script';

/**
 * Reserves every item of an order or none, records the outcome and appends its one event.
 * Checks (existing record, every product's availability) come before any write; the inbox
 * record is the first write.
 *
 * KEYS: 1 inbox, 2 outbox stream, 3 reservation, 4 deadlines, 5 journal, 5+i stock of item i
 *   (i = 1..n).
 * ARGV: 1 inbox TTL, 2 order id, 3 expiresAt (epoch ms), 4 items JSON, 5 record TTL (s, also
 *   the journal's), 4+2i product id of item i, 5+2i its quantity; then at 6+2n the
 *   stock-reserved event as `redisOutboxArgs` (count 1 + 4 values), then the OUT_OF_STOCK and the
 *   UNKNOWN_PRODUCT reservation-failed events (4 values each), whose `"shortages":[]` the script
 *   fills in; then at 19+2n the journal entries: the order.placed consumption, and the
 *   publication of each of the three events.
 * Returns `{'reserved'}`, `{'rejected', reason, shortagesJson}`, `{'skipped', state}` (the
 * order already has a record: reserved before, rejected, or cancelled first) or `{'duplicate'}`.
 */
export const RESERVE_SCRIPT = new LuaScript(
  'reserve',
  `${INVENTORY_LUA_PRELUDE}
local function shortage(product, requested, available)
  return '{"productId":"' .. product .. '","requested":' .. requested ..
    ',"available":' .. available .. '}'
end

local n = #KEYS - 5
local state = redis.call('HGET', KEYS[3], 'state')
local unknown, short = {}, {}
if not state then
  for i = 1, n do
    local product, requested = ARGV[4 + 2 * i], ARGV[5 + 2 * i]
    local available = redis.call('HGET', KEYS[5 + i], 'available')
    if not available then
      unknown[#unknown + 1] = shortage(product, requested, '0')
    elseif tonumber(available) < tonumber(requested) then
      short[#short + 1] = shortage(product, requested, available)
    end
  end
end

local reserved_at = 6 + 2 * n
local journal_at = reserved_at + 13
local failure_at, failure_journal, reason, shortages = nil, nil, nil, nil
if #unknown > 0 then
  failure_at, failure_journal, reason, shortages = reserved_at + 9, journal_at + 3, 'UNKNOWN_PRODUCT', unknown
elseif #short > 0 then
  failure_at, failure_journal, reason, shortages = reserved_at + 5, journal_at + 2, 'OUT_OF_STOCK', short
end
local failure = nil
if failure_at then
  shortages = '[' .. table.concat(shortages, ',') .. ']'
  failure = {'1', ARGV[failure_at], ARGV[failure_at + 1],
    inventory_fill(ARGV[failure_at + 2], '"shortages":[]', '"shortages":' .. shortages),
    ARGV[failure_at + 3]}
end

if not inventory_inbox_record(KEYS[1], ARGV[1]) then return {'duplicate'} end
if state then
  inventory_journal(KEYS[5], ARGV[5], ARGV[journal_at], 'no effect: reservation already ' .. state)
  return {'skipped', state}
end
if failure then
  redis.call('HSET', KEYS[3], 'state', 'REJECTED', 'reason', reason)
  redis.call('EXPIRE', KEYS[3], ARGV[5])
  polyshop_outbox_append(KEYS[2], failure, 1)
  inventory_journal(KEYS[5], ARGV[5], ARGV[journal_at], nil, ARGV[failure_journal])
  return {'rejected', reason, shortages}
end
for i = 1, n do
  redis.call('HINCRBY', KEYS[5 + i], 'available', '-' .. ARGV[5 + 2 * i])
  redis.call('HINCRBY', KEYS[5 + i], 'reserved', ARGV[5 + 2 * i])
end
redis.call('HSET', KEYS[3], 'state', 'HELD', 'items', ARGV[4], 'expiresAt', ARGV[3])
redis.call('ZADD', KEYS[4], ARGV[3], ARGV[2])
polyshop_outbox_append(KEYS[2], ARGV, reserved_at)
inventory_journal(KEYS[5], ARGV[5], ARGV[journal_at], nil, ARGV[journal_at + 1])
return {'reserved'}
`,
);

/**
 * Moves a held reservation's items from reserved to sold. Anything but a held reservation is
 * left alone (released, expired, rejected, unknown: nothing to commit).
 *
 * KEYS: 1 inbox, 2 reservation, 3 deadlines, 4 journal, 4+i stock of item i.
 * ARGV: 1 inbox TTL, 2 order id, 3 items JSON as read before the call, 4 record TTL (s, also
 *   the journal's), 4+i quantity of item i, then at 5+n the payment.succeeded consumption's
 *   journal entry.
 * Returns `{'committed'}`, `{'not-held', state}`, `{'duplicate'}`, `{'stale'}` (the record
 * changed since it was read: read again) or `{'inconsistent', stockKey}` (reserved below the
 * reservation: nothing written).
 */
export const COMMIT_SCRIPT = new LuaScript(
  'commit',
  `${INVENTORY_LUA_PRELUDE}
local n = #KEYS - 4
local record = redis.call('HMGET', KEYS[2], 'state', 'items')
local held = record[1] == 'HELD'
if held then
  if record[2] ~= ARGV[3] or n == 0 then return {'stale'} end
  for i = 1, n do
    if tonumber(redis.call('HGET', KEYS[4 + i], 'reserved') or '0') < tonumber(ARGV[4 + i]) then
      return {'inconsistent', KEYS[4 + i]}
    end
  end
end

if not inventory_inbox_record(KEYS[1], ARGV[1]) then return {'duplicate'} end
local consumed = ARGV[5 + n]
if not held then
  local state = record[1] or ''
  inventory_journal(KEYS[4], ARGV[4], consumed, 'no effect: nothing held (' .. state .. ')')
  return {'not-held', state}
end
for i = 1, n do
  redis.call('HINCRBY', KEYS[4 + i], 'reserved', '-' .. ARGV[4 + i])
  redis.call('HINCRBY', KEYS[4 + i], 'sold', ARGV[4 + i])
end
redis.call('HSET', KEYS[2], 'state', 'COMMITTED')
redis.call('EXPIRE', KEYS[2], ARGV[4])
redis.call('ZREM', KEYS[3], ARGV[2])
inventory_journal(KEYS[4], ARGV[4], consumed)
return {'committed'}
`,
);

/**
 * Gives a reservation's items back to available and appends `inventory.stock-released.v1`: a
 * held reservation's (from reserved), and, when the release is the order's cancellation, a
 * committed one's too (from sold: the payment succeeded while the order was being cancelled,
 * and order-service only emits `order.cancelled.v1` for an order that ended `CANCELLED`). Also
 * for the cancellation, an order without any record gets a `CANCELLED` tombstone, so that a
 * late `order.placed.v1` reserves nothing. Drops the order from the deadlines in every case.
 *
 * KEYS: 1 inbox, 2 outbox stream, 3 reservation, 4 deadlines, 5 journal, 5+i stock of item i.
 * ARGV: 1 inbox TTL, 2 order id, 3 items JSON as read before the call ('' when nothing is to be
 *   released), 4 record TTL (s, also the journal's), 5 order cancelled ('1' or '0'), 6 reason,
 *   7 due by (epoch ms; '' for now), 7+i quantity of item i, then at 8+n the journal entries of
 *   the consumption ('' for the sweeper) and of the stock-released publication ('' when none),
 *   then at 10+n the stock-released event as `redisOutboxArgs`.
 * Returns `{'released'}`, `{'tombstoned'}`, `{'not-held', state}`, `{'not-due'}`,
 * `{'duplicate'}`, `{'stale'}` or `{'inconsistent', stockKey}` (the counter the items leave,
 * reserved or sold, holds less than them: nothing written).
 */
export const RELEASE_SCRIPT = new LuaScript(
  'release',
  `${INVENTORY_LUA_PRELUDE}
local n = #KEYS - 5
local record = redis.call('HMGET', KEYS[3], 'state', 'items', 'expiresAt')
local state = record[1]
local order_cancelled = ARGV[5] == '1'
-- The stock counter the items go back to available from; nil when there is nothing to release.
local from = nil
if state == 'HELD' then
  from = 'reserved'
elseif state == 'COMMITTED' and order_cancelled then
  from = 'sold'
end
if from then
  if record[2] ~= ARGV[3] or n == 0 then return {'stale'} end
  if ARGV[7] ~= '' and tonumber(record[3]) > tonumber(ARGV[7]) then return {'not-due'} end
  for i = 1, n do
    if tonumber(redis.call('HGET', KEYS[5 + i], from) or '0') < tonumber(ARGV[7 + i]) then
      return {'inconsistent', KEYS[5 + i]}
    end
  end
end

if not inventory_inbox_record(KEYS[1], ARGV[1]) then return {'duplicate'} end
local consumed = ARGV[8 + n]
redis.call('ZREM', KEYS[4], ARGV[2])
if from then
  for i = 1, n do
    redis.call('HINCRBY', KEYS[5 + i], from, '-' .. ARGV[7 + i])
    redis.call('HINCRBY', KEYS[5 + i], 'available', ARGV[7 + i])
  end
  redis.call('HSET', KEYS[3], 'state', 'RELEASED', 'reason', ARGV[6])
  redis.call('EXPIRE', KEYS[3], ARGV[4])
  polyshop_outbox_append(KEYS[2], ARGV, 10 + n)
  inventory_journal(KEYS[5], ARGV[4], consumed, nil, ARGV[9 + n])
  return {'released'}
end
if not state and order_cancelled then
  redis.call('HSET', KEYS[3], 'state', 'CANCELLED')
  redis.call('EXPIRE', KEYS[3], ARGV[4])
  inventory_journal(KEYS[5], ARGV[4], consumed, 'cancelled before placed: tombstone left')
  return {'tombstoned'}
end
inventory_journal(KEYS[5], ARGV[4], consumed, 'no effect: nothing held (' .. (state or 'none') .. ')')
return {'not-held', state or ''}
`,
);
