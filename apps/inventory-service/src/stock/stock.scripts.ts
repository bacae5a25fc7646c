import { INVENTORY_LUA_PRELUDE } from '../redis/lua-prelude';
import { LuaScript } from '../redis/lua-script';

/**
 * Creates a product's stock hash from `product.created.v1`, once: a product inventory already
 * knows keeps its stock (a replayed or repeated creation must not reset sales and adjustments).
 *
 * KEYS: 1 inbox, 2 stock. ARGV: 1 inbox TTL, 2 initial stock.
 * Returns `'initialised'`, `'exists'` or `'duplicate'`.
 */
export const INITIALISE_STOCK_SCRIPT = new LuaScript(
  'initialise-stock',
  `${INVENTORY_LUA_PRELUDE}
local exists = redis.call('EXISTS', KEYS[2]) == 1
if not inventory_inbox_record(KEYS[1], ARGV[1]) then return 'duplicate' end
if exists then return 'exists' end
redis.call('HSET', KEYS[2], 'available', ARGV[2], 'reserved', '0', 'sold', '0',
  'initial', ARGV[2], 'adjustments', '0')
return 'initialised'
`,
);

/**
 * Sets `available` to a value and adds the difference to `adjustments`, so the invariant still
 * holds; `reserved` and `sold` are left alone. Refused for an unknown product, and when the
 * product's total (`initial + adjustments`) would exceed `max` (counters stay exact numbers).
 *
 * KEYS: 1 stock. ARGV: 1 new available (>= 0), 2 max total.
 * Returns `{'set', available}`, `{'unknown'}` or `{'too-large', total}`.
 */
export const SET_STOCK_SCRIPT = new LuaScript(
  'set-stock',
  `
local stock = redis.call('HMGET', KEYS[1], 'available', 'reserved', 'sold')
if not stock[1] then return {'unknown'} end
local delta = tonumber(ARGV[1]) - tonumber(stock[1])
local total = tonumber(ARGV[1]) + tonumber(stock[2]) + tonumber(stock[3])
if total > tonumber(ARGV[2]) then return {'too-large', string.format('%.0f', total)} end
redis.call('HSET', KEYS[1], 'available', ARGV[1])
redis.call('HINCRBY', KEYS[1], 'adjustments', string.format('%.0f', delta))
return {'set', ARGV[1]}
`,
);
