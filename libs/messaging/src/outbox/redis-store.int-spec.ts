import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { connect, type NatsConnection } from 'nats';
import { LOCAL_URLS } from '@polyshop/config';
import { TcpProxy, waitFor } from '@polyshop/testing';
import { REDIS_INBOX_LUA, redisInboxKey } from '../inbox/redis-inbox.lua';
import { EventPublisher } from '../publishing/event-publisher';
import type { OutgoingEvent } from '../publishing/outgoing-event';
import { OutboxRelay } from './outbox-relay';
import type { OutboxRelayOptions } from './outbox-relay.options';
import { REDIS_OUTBOX_LUA, redisOutboxArgs } from './redis-outbox.lua';
import { RedisOutboxStore } from './redis-outbox.store';
import { parseXinfoConsumers } from './redis-replies';
import { RecordingPublisher, TestStream, occurrences } from './testing/outbox-test-kit';

const quietLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };
const fastRelay: Partial<OutboxRelayOptions> = {
  sweepIntervalMs: 100,
  retryBaseMs: 100,
  retryMaxMs: 500,
  leaseMs: 10_000,
};

/** A producer's script: check, then the state change and its events, atomically. */
const PRODUCE = `${REDIS_OUTBOX_LUA}
if ARGV[1] == 'reject' then return redis.error_reply('REJECTED business rule violated') end
polyshop_outbox_append(KEYS[1], ARGV, 2)
redis.call('SET', KEYS[2], '1')
return 'ok'
`;

/** A consumer's script: check, record the event in the inbox, apply the effect. */
const HANDLE = `${REDIS_INBOX_LUA}
if ARGV[2] == 'fail' then return redis.error_reply('FAILED handler check') end
if not polyshop_inbox_record(KEYS[1], ARGV[1]) then return 'duplicate' end
redis.call('INCR', KEYS[2])
return 'recorded'
`;

describe('Redis outbox and inbox', () => {
  const prefix = `test:${randomUUID()}:`;
  let redis: Redis;
  let nats: NatsConnection;
  let stream: TestStream;
  let store: RedisOutboxStore;
  let outboxKey: string;
  const relays: OutboxRelay[] = [];

  beforeAll(async () => {
    redis = new Redis(LOCAL_URLS.inventoryRedis);
    nats = await connect({ servers: LOCAL_URLS.nats });
    stream = await TestStream.create(nats);
  });

  beforeEach(() => {
    // Each test has an outbox stream of its own: nothing of an earlier test gets relayed.
    outboxKey = `${prefix}outbox:${randomUUID()}`;
    store = new RedisOutboxStore(redis, { stream: outboxKey });
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
  });

  afterAll(async () => {
    await stream?.delete();
    await nats?.close();
    if (redis) {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    }
  });

  const startRelay = (
    publisher: RecordingPublisher = new RecordingPublisher(new EventPublisher(nats)),
    options: Partial<OutboxRelayOptions> = {},
  ) => {
    const relay = new OutboxRelay(store, publisher, {
      ...fastRelay,
      ...options,
      logger: quietLogger,
    });
    relays.push(relay);
    relay.start();
    return { relay, publisher };
  };

  const produce = async (
    events: readonly OutgoingEvent[],
    verdict: 'ok' | 'reject' = 'ok',
    thing = `${prefix}thing:${randomUUID()}`,
  ) => {
    await redis.eval(PRODUCE, 2, outboxKey, thing, verdict, ...redisOutboxArgs(events));
    return thing;
  };

  /** Event ids still in the outbox stream (appended and not yet published). */
  const unpublished = async () => {
    const entries = (await redis.xrange(outboxKey, '-', '+')) as [string, string[]][];
    return entries.map(([, fields]) => fields[fields.indexOf('id') + 1]);
  };
  const streamIds = async () => (await stream.read()).map((message) => message.msgId);

  describe('outbox', () => {
    it('stores the state change and its events together when the script runs', async () => {
      const events = stream.events(3);
      const thing = await produce(events);

      expect(await redis.exists(thing)).toBe(1);
      expect(await unpublished()).toEqual(events.map((e) => e.id));
      const [[, fields]] = (await redis.xrange(outboxKey, '-', '+')) as [string, string[]][];
      expect(fields).toEqual([
        'id',
        events[0].id,
        'subject',
        events[0].subject,
        'payload',
        events[0].payload,
        'headers',
        JSON.stringify(events[0].headers),
      ]);
    });

    it('stores neither the state change nor its events when the script rejects', async () => {
      const thing = `${prefix}thing:${randomUUID()}`;
      await expect(produce(stream.events(2), 'reject', thing)).rejects.toThrow('REJECTED');

      expect(await redis.exists(thing)).toBe(0);
      expect(await unpublished()).toEqual([]);
    });

    it('publishes an appended event once, with its id as Nats-Msg-Id, right after the kick', async () => {
      const { relay, publisher } = startRelay(undefined, { sweepIntervalMs: 60_000 });
      const before = await stream.count();
      const [event] = stream.events(1, { 'Polyshop-Correlation-Id': 'order-1' });
      await produce([event]);
      relay.kick();

      await waitFor(unpublished, (ids) => ids.length === 0, {
        description: 'the entry published and deleted',
      });
      const stored = (await stream.read()).filter((message) => message.msgId === event.id);
      expect(stored).toEqual([
        {
          msgId: event.id,
          subject: event.subject,
          payload: event.payload,
          headers: expect.objectContaining({
            'Nats-Msg-Id': event.id,
            'Polyshop-Correlation-Id': 'order-1',
          }) as Record<string, string>,
        },
      ]);
      expect(await stream.count()).toBe(before + 1);
      expect(publisher.calls).toEqual([event.id]);
    });

    it('publishes, from a relay started after a crash, events appended but never relayed', async () => {
      const events = stream.events(5);
      await produce(events);

      const { publisher } = startRelay();

      await waitFor(unpublished, (ids) => ids.length === 0);
      const ids = await streamIds();
      for (const event of events) expect(occurrences(ids).get(event.id)).toBe(1);
      expect(publisher.calls).toEqual(events.map((e) => e.id));
    });

    it('takes over entries claimed by a relay that died before publishing them, once the lease expires', async () => {
      const events = stream.events(4);
      await produce(events);
      const claimed = await store.claim(100, 'relay-that-died', 1_000);
      expect(claimed.map((e) => e.id)).toEqual(events.map((e) => e.id));

      const { publisher } = startRelay(undefined, { leaseMs: 1_000 });
      expect(await store.claim(100, 'another-relay', 1_000)).toEqual([]);

      await waitFor(unpublished, (ids) => ids.length === 0);
      const ids = await streamIds();
      for (const event of events) expect(occurrences(ids).get(event.id)).toBe(1);
      expect(publisher.calls).toEqual(events.map((e) => e.id));
    });

    it('keeps events appended while the broker is unreachable and publishes each once when it is back', async () => {
      const proxy = new TcpProxy('127.0.0.1', Number(new URL(LOCAL_URLS.nats).port));
      const port = await proxy.start();
      const relayNats = await connect({
        servers: `127.0.0.1:${port}`,
        maxReconnectAttempts: -1,
        reconnectTimeWait: 100,
      });
      try {
        const { relay } = startRelay(new RecordingPublisher(new EventPublisher(relayNats)));
        proxy.cut();
        const events = stream.events(20);
        const ids = events.map((e) => e.id);
        await produce(events.slice(0, 10));
        relay.kick();
        await produce(events.slice(10));
        relay.kick();

        await waitFor(
          () => Promise.resolve(relay.stats().failed),
          (failed) => failed >= 20,
          { description: 'publishes failing during the outage' },
        );
        expect((await unpublished()).sort()).toEqual([...ids].sort());

        proxy.restore();
        await waitFor(unpublished, (left) => left.length === 0, { timeoutMs: 30_000 });
        const stored = occurrences(await streamIds());
        for (const id of ids) expect(stored.get(id)).toBe(1);
      } finally {
        await Promise.all(relays.splice(0).map((relay) => relay.stop()));
        await relayNats.close();
        await proxy.stop();
      }
    });

    it('publishes every event exactly once with two relay replicas draining the same outbox', async () => {
      const first = startRelay(undefined, { batchSize: 50 });
      const second = startRelay(undefined, { batchSize: 50 });
      const events = stream.events(2_000);
      const ids = events.map((e) => e.id);

      await Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          await produce(events.slice(i * 100, (i + 1) * 100));
          first.relay.kick();
          second.relay.kick();
        }),
      );

      await waitFor(unpublished, (left) => left.length === 0, { timeoutMs: 30_000 });
      const calls = [...first.publisher.calls, ...second.publisher.calls];
      expect(calls).toHaveLength(2_000);
      expect(new Set(calls).size).toBe(2_000);
      expect(first.publisher.calls.length).toBeGreaterThan(0);
      expect(second.publisher.calls.length).toBeGreaterThan(0);
      const stored = occurrences(await streamIds());
      expect(ids.filter((id) => stored.get(id) !== 1)).toEqual([]);
    });

    it('deletes published entries at once, leaving nothing pending, and purges relays long gone', async () => {
      const { relay } = startRelay();
      await produce(stream.events(3));
      relay.kick();
      await waitFor(unpublished, (ids) => ids.length === 0);
      await relay.stop();

      expect(await redis.xlen(outboxKey)).toBe(0);
      const [pending] = (await redis.xpending(outboxKey, 'outbox-relay')) as [number];
      expect(pending).toBe(0);
      const consumers = async () =>
        parseXinfoConsumers(await redis.xinfo('CONSUMERS', outboxKey, 'outbox-relay'));
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
  });

  describe('inbox', () => {
    const consumer = 'test-consumer';
    const counter = `${prefix}counter`;

    const handle = (eventId: string, verdict: 'ok' | 'fail' = 'ok') =>
      redis.eval(HANDLE, 2, redisInboxKey(prefix, consumer, eventId), counter, 3_600, verdict);
    const effects = async () => Number((await redis.get(counter)) ?? 0);

    it('applies the effect once when the same event is delivered twice', async () => {
      const before = await effects();
      const eventId = randomUUID();

      expect(await handle(eventId)).toBe('recorded');
      expect(await handle(eventId)).toBe('duplicate');

      expect(await effects()).toBe(before + 1);
      const ttl = await redis.ttl(redisInboxKey(prefix, consumer, eventId));
      expect(ttl).toBeGreaterThan(3_500);
    });

    it('applies the effect once when two deliveries of an event are handled concurrently', async () => {
      const before = await effects();
      const eventId = randomUUID();

      const results = await Promise.all([handle(eventId), handle(eventId)]);

      expect((results as string[]).sort()).toEqual(['duplicate', 'recorded']);
      expect(await effects()).toBe(before + 1);
    });

    it('keeps no record of a script that failed its checks, so the redelivery applies the effect', async () => {
      const before = await effects();
      const eventId = randomUUID();

      await expect(handle(eventId, 'fail')).rejects.toThrow('FAILED');
      expect(await redis.exists(redisInboxKey(prefix, consumer, eventId))).toBe(0);
      expect(await effects()).toBe(before);

      expect(await handle(eventId)).toBe('recorded');
      expect(await effects()).toBe(before + 1);
    });
  });
});
