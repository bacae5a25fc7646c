import { randomBytes, randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EVENTS, parseEnvelope } from '@polyshop/contracts';
import {
  NATS_CONNECTION,
  OutboxRelay,
  REDIS_INBOX_LUA,
  REDIS_INBOX_TTL_SECONDS,
  REDIS_OUTBOX_LUA,
  createOutgoingEvent,
  redisInboxKey,
  redisOutboxArgs,
} from '@polyshop/messaging';
import { StreamProbe, startServiceApp, waitFor } from '@polyshop/testing';
import type Redis from 'ioredis';
import { AppModule } from '../app.module';
import { REDIS } from '../redis/redis.constants';
import { SERVICE_OPTIONS } from '../service';
import { DEFAULT_KEY_PREFIX as KEY_PREFIX, InventoryKeys } from '../redis/inventory-keys';

const OUTBOX_STREAM_KEY = new InventoryKeys().outbox;

const SUBJECT = 'inventory.stock-released.v1';
const STREAM = EVENTS[SUBJECT].stream;

/** A producer's script: its state change and its events, atomically. */
const RELEASE = `${REDIS_OUTBOX_LUA}
redis.call('INCRBY', KEYS[2], ARGV[1])
polyshop_outbox_append(KEYS[1], ARGV, 2)
return 'ok'`;

/** A consumer's script: the inbox record and the effect, atomically. */
const HANDLE = `${REDIS_INBOX_LUA}
if not polyshop_inbox_record(KEYS[1], ARGV[1]) then return 'duplicate' end
redis.call('INCR', KEYS[2])
return 'recorded'`;

describe('inventory-service outbox and inbox (Redis, NATS)', () => {
  const testKey = `${KEY_PREFIX}test:${randomUUID()}`;
  const consumer = `inventory-test-${randomUUID()}`;
  let app: NestFastifyApplication;
  let redis: Redis;

  const outboxHolds = async (eventId: string) =>
    (await redis.xrange(OUTBOX_STREAM_KEY, '-', '+')).some(([, fields]) =>
      fields.includes(eventId),
    );

  beforeAll(async () => {
    app = await startServiceApp(AppModule, SERVICE_OPTIONS);
    redis = app.get<Redis>(REDIS);
  });

  afterAll(async () => {
    const keys = await redis?.keys(`${testKey}*`);
    const inboxKeys = await redis?.keys(redisInboxKey(KEY_PREFIX, consumer, '*'));
    const doomed = [...(keys ?? []), ...(inboxKeys ?? [])];
    if (doomed.length > 0) await redis.del(...doomed);
    await app?.close();
  });

  it("creates the relays' consumer group on the outbox stream at boot", async () => {
    const groupNames = async () => {
      const groups = (await redis.xinfo('GROUPS', OUTBOX_STREAM_KEY)) as unknown[][];
      return groups.map((fields) => fields[fields.indexOf('name') + 1]);
    };

    const names = await waitFor(groupNames, (found) => found.includes('outbox-relay'), {
      description: 'consumer group outbox-relay',
    });
    expect(names).toContain('outbox-relay');
  });

  it(`publishes an event appended by a script to ${STREAM} once, with Nats-Msg-Id = its id`, async () => {
    const probe = await StreamProbe.open(app.get(NATS_CONNECTION), STREAM);
    const event = createOutgoingEvent(
      SUBJECT,
      {
        orderId: randomUUID(),
        items: [{ productId: randomBytes(12).toString('hex'), quantity: 1 }],
        reason: 'ORDER_CANCELLED',
      },
      { correlationId: randomUUID() },
    );

    const stockKey = `${testKey}:stock`;
    await redis.eval(RELEASE, 2, OUTBOX_STREAM_KEY, stockKey, 1, ...redisOutboxArgs([event]));
    app.get(OutboxRelay).kick();

    await waitFor(
      () => outboxHolds(event.id),
      (held) => !held,
      { description: `outbox entry ${event.id} acknowledged and deleted`, timeoutMs: 30_000 },
    );
    const copies = await probe.copiesOf(SUBJECT, event.id);
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatchObject({ msgId: event.id, payload: event.payload });
    expect(parseEnvelope(SUBJECT, copies[0].payload)).toMatchObject({ ok: true });
    expect(await redis.get(stockKey)).toBe('1');
  });

  it('records a consumed event with the effect in one script, once, under an expiring key', async () => {
    const inboxKey = redisInboxKey(KEY_PREFIX, consumer, randomUUID());
    const effectKey = `${testKey}:effect`;
    const handle = () => redis.eval(HANDLE, 2, inboxKey, effectKey, REDIS_INBOX_TTL_SECONDS);

    const delivery = await handle();
    const redelivery = await handle();

    expect([delivery, redelivery]).toEqual(['recorded', 'duplicate']);
    expect(await redis.get(effectKey)).toBe('1');
    expect(await redis.ttl(inboxKey)).toBeGreaterThan(0);
  });
});
