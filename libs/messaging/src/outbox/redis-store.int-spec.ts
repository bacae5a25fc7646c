import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { LOCAL_URLS } from '@polyshop/config';
import { TcpProxy, waitFor } from '@polyshop/testing';
import { REDIS_INBOX_LUA, redisInboxKey } from '../inbox/redis-inbox.lua';
import type { OutgoingEvent } from '../publishing/outgoing-event';
import { REDIS_OUTBOX_LUA, redisOutboxArgs } from './redis-outbox.lua';
import { RedisOutboxStore } from './redis-outbox.store';
import { parseXinfoConsumers } from './redis-replies';
import {
  describeOutboxContract,
  HANDLER_FAILED,
  PRODUCER_REJECTED,
} from './testing/describe-outbox-contract';

/** A producer's script: check, then the state change and its events, atomically. */
const PRODUCE = `${REDIS_OUTBOX_LUA}
if ARGV[1] == 'reject' then return redis.error_reply('REJECTED ${PRODUCER_REJECTED}') end
polyshop_outbox_append(KEYS[1], ARGV, 2)
redis.call('SET', KEYS[2], '1')
return 'ok'
`;

/** A consumer's script: check, record the event in the inbox, apply the effect. */
const HANDLE = `${REDIS_INBOX_LUA}
if ARGV[2] == 'fail' then return redis.error_reply('FAILED ${HANDLER_FAILED}') end
if not polyshop_inbox_record(KEYS[1], ARGV[1]) then return 'duplicate' end
redis.call('INCR', KEYS[2])
return 'recorded'
`;

const CONSUMER = 'test-consumer';
const INBOX_TTL_SECONDS = 3_600;
const prefix = `test:${randomUUID()}:`;
const counter = `${prefix}counter`;
let redis: Redis | undefined;
/** Each test has an outbox stream of its own: nothing of an earlier test gets relayed. */
let outboxKey: string;
let store: RedisOutboxStore;

const client = () => {
  if (redis === undefined) throw new Error('not connected');
  return redis;
};
const thingKey = (thing: string) => `${prefix}thing:${thing}`;
const inboxKey = (eventId: string) => redisInboxKey(prefix, CONSUMER, eventId);
/** Event ids in the outbox stream (appended and not yet published), in stream order. */
const unpublished = async () => {
  const entries = (await client().xrange(outboxKey, '-', '+')) as [string, string[]][];
  return entries.map(([, fields]) => fields[fields.indexOf('id') + 1]);
};
const inOutbox = async (ids: readonly string[]) => {
  const wanted = new Set(ids);
  return (await unpublished()).filter((id) => wanted.has(id));
};
const produce = async (
  events: readonly OutgoingEvent[],
  thing: string = randomUUID(),
  outcome: 'commit' | 'reject' = 'commit',
) => {
  await client().eval(PRODUCE, 2, outboxKey, thingKey(thing), outcome, ...redisOutboxArgs(events));
};
const handle = async (eventId: string, outcome: 'commit' | 'fail' = 'commit') =>
  (await client().eval(HANDLE, 2, inboxKey(eventId), counter, INBOX_TTL_SECONDS, outcome)) as
    'recorded' | 'duplicate';

describeOutboxContract({
  harness: {
    name: 'Redis',
    wording: {
      succeeds: 'the script runs',
      fails: 'the script rejects',
      written: 'appended',
      failedHandler: 'a script that failed its checks',
    },
    keepsAppendOrder: true,

    setUp() {
      redis = new Redis(LOCAL_URLS.inventoryRedis);
      return Promise.resolve();
    },

    reset() {
      outboxKey = `${prefix}outbox:${randomUUID()}`;
      store = new RedisOutboxStore(client(), { stream: outboxKey });
      return Promise.resolve();
    },

    async tearDown() {
      if (redis === undefined) return;
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    },

    store: () => store,

    produce,

    hasThing: async (thing) => (await client().exists(thingKey(thing))) === 1,

    // A published entry is deleted at once: what is stored is what is unpublished.
    stored: inOutbox,
    unpublished: inOutbox,

    inbox: {
      handle,
      effects: async () => Number((await client().get(counter)) ?? 0),
      records: (eventId) => client().exists(inboxKey(eventId)),
    },
  },
  helpers: { waitFor, TcpProxy },

  outboxTests: ({ stream, startRelay }) => {
    it('stores each event as a stream entry of its id, subject, payload and headers', async () => {
      const events = stream().events(3);
      await produce(events);

      const entries = (await client().xrange(outboxKey, '-', '+')) as [string, string[]][];
      expect(entries.map(([, fields]) => fields)).toEqual(
        events.map((event) => [
          'id',
          event.id,
          'subject',
          event.subject,
          'payload',
          event.payload,
          'headers',
          JSON.stringify(event.headers),
        ]),
      );
    });

    it('deletes published entries at once, leaving nothing pending, and purges relays long gone', async () => {
      const { relay } = startRelay();
      await produce(stream().events(3));
      relay.kick();
      await waitFor(unpublished, (ids) => ids.length === 0);
      await relay.stop();

      expect(await client().xlen(outboxKey)).toBe(0);
      const [pending] = (await client().xpending(outboxKey, 'outbox-relay')) as [number];
      expect(pending).toBe(0);
      const consumers = async () =>
        parseXinfoConsumers(await client().xinfo('CONSUMERS', outboxKey, 'outbox-relay'));
      expect((await consumers()).map((c) => c.name)).toEqual([relay.owner]);

      await waitFor(
        async () => {
          await store.purgePublished(50);
          return consumers();
        },
        (left) => left.length === 0,
        { description: 'the idle relay consumer dropped' },
      );
    });
  },

  inboxTests: () => {
    it('keeps the record of a delivered event for the TTL the script gives it', async () => {
      const eventId = randomUUID();

      expect(await handle(eventId)).toBe('recorded');
      expect(await handle(eventId)).toBe('duplicate');

      const ttl = await client().ttl(inboxKey(eventId));
      expect(ttl).toBeGreaterThan(INBOX_TTL_SECONDS - 100);
      expect(ttl).toBeLessThanOrEqual(INBOX_TTL_SECONDS);
    });
  },
});
