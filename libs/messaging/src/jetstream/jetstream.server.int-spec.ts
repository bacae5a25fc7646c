import { randomUUID } from 'node:crypto';
import { Controller, Injectable, Module, type INestApplication } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { ClientProxyFactory, Ctx, Payload, Transport } from '@nestjs/microservices';
import {
  DLQ_PATTERNS,
  durableName,
  STREAMS,
  SUBJECTS,
  type DeadLetterList,
  type EventData,
} from '@polyshop/contracts';
import { createServiceApp } from '@polyshop/service-runtime';
import { NatsServerProcess, waitFor } from '@polyshop/testing';
import { connect, headers as natsHeaders, nanos, type NatsConnection } from 'nats';
import { lastValueFrom } from 'rxjs';
import {
  currentMessageContext,
  metricValue,
  MetricsRegistry,
  type MessageContext,
} from '@polyshop/observability';
import { noteInboxDuplicate } from '../inbox/inbox';
import { MessagingModule } from '../messaging.module';
import { createOutgoingEvent } from '../publishing/create-outgoing-event';
import { EventPublisher } from '../publishing/event-publisher';
import { ConsumptionObservers, type Consumption } from './consumption';
import { DeadLetters } from './dead-letters';
import { connectJetStream } from './jetstream-transport';
import { JetStreamContext } from './jetstream.context';
import { OnEvent } from './on-event.decorator';
import { ensureStreams } from './provisioning';

const SERVICE = 'inventory-service' as const;
const RETRY_BASE_MS = 100;
const MAX_ATTEMPTS = 3;

type Placed = EventData<'order.placed.v1'>;

interface Delivery {
  orderId: string;
  attempt: number;
  at: number;
  envelopeId: string;
  correlationId: string;
  context: MessageContext | undefined;
  replica: string;
}

/** What the handler does per order id: fail its first N attempts, or always. */
@Injectable()
class Behaviour {
  readonly deliveries: Delivery[] = [];
  readonly failuresLeft = new Map<string, number>();
  /** Orders whose event the handler treats as already applied, as an inbox would. */
  readonly duplicates = new Set<string>();
  /** Resolves the handler of an order when the test says so. */
  readonly gates = new Map<string, Promise<void>>();
  replica = '';
}

@Controller()
class PlacedHandler {
  constructor(private readonly behaviour: Behaviour) {}

  @OnEvent(SUBJECTS.ORDER_PLACED_V1)
  async onPlaced(@Payload() data: Placed, @Ctx() context: JetStreamContext<'order.placed.v1'>) {
    this.behaviour.deliveries.push({
      orderId: data.orderId,
      attempt: context.attempt,
      at: Date.now(),
      envelopeId: context.envelope.id,
      correlationId: context.envelope.correlationId,
      context: currentMessageContext(),
      replica: this.behaviour.replica,
    });
    await this.behaviour.gates.get(data.orderId);
    if (this.behaviour.duplicates.has(data.orderId)) {
      noteInboxDuplicate(`${context.envelope.id} of ${data.orderId}`);
      return;
    }
    const left = this.behaviour.failuresLeft.get(data.orderId) ?? 0;
    if (left > 0) {
      this.behaviour.failuresLeft.set(data.orderId, left - 1);
      throw new Error(`simulated failure of ${data.orderId}`);
    }
  }
}

@Module({
  imports: [
    ConfigModule.forRoot({ ignoreEnvFile: true, isGlobal: true }),
    MessagingModule.forRoot(SERVICE),
  ],
  controllers: [PlacedHandler],
  providers: [Behaviour],
})
class ConsumerTestModule {}

const placed = (orderId = randomUUID()): Placed => ({
  orderId,
  userId: randomUUID(),
  items: [{ productId: '64b7f0c2a1b2c3d4e5f60718', quantity: 2, unitPrice: 1250 }],
  total: 2500,
  currency: 'EUR',
  paymentToken: 'tok_visa',
});

describe('JetStream transport', () => {
  let broker: NatsServerProcess;
  let nc: NatsConnection;
  const apps: INestApplication[] = [];

  const startApp = async (replica = 'a') => {
    const app = await createServiceApp(ConsumerTestModule, {
      name: SERVICE,
      rpcServer: true,
      connect: (created) =>
        connectJetStream(created, {
          service: SERVICE,
          maxAttempts: MAX_ATTEMPTS,
          retryBaseDelayMs: RETRY_BASE_MS,
          ackWaitMs: 2_000,
          concurrency: 4,
        }),
    });
    app.useLogger(false);
    app.get(Behaviour).replica = replica;
    await app.startAllMicroservices();
    await app.init();
    apps.push(app);
    return app;
  };

  const publish = async (app: INestApplication, data: Placed) => {
    const event = createOutgoingEvent(SUBJECTS.ORDER_PLACED_V1, data, {
      correlationId: data.orderId,
    });
    const [outcome] = await app.get(EventPublisher).publishBatch([event]);
    expect(outcome.ok).toBe(true);
    return event;
  };

  const deliveriesOf = (app: INestApplication, orderId: string) =>
    app.get(Behaviour).deliveries.filter((d) => d.orderId === orderId);

  const consumerState = async () => {
    const jsm = await nc.jetstreamManager();
    return jsm.consumers.info('ORDER', durableName(SERVICE, SUBJECTS.ORDER_PLACED_V1));
  };

  const settled = () =>
    waitFor(consumerState, (info) => info.num_pending === 0 && info.num_ack_pending === 0, {
      description: 'consumer drained and acked',
    });

  beforeAll(async () => {
    broker = await NatsServerProcess.start();
    process.env.NATS_URL = broker.url;
    nc = await connect({ servers: broker.url });
  });

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  afterAll(async () => {
    await nc.close();
    await broker.dispose();
  });

  it('provisions streams idempotently and applies a changed config instead of ignoring it', async () => {
    const jsm = await nc.jetstreamManager();
    const streams = Object.values(STREAMS);
    await ensureStreams(jsm, streams, { replicas: 1 });
    const wanted = (await jsm.streams.info('PAYMENT')).config;
    await jsm.streams.update('PAYMENT', { ...wanted, max_age: nanos(10 * 60_000) });

    await ensureStreams(jsm, streams, { replicas: 1 });
    await ensureStreams(jsm, streams, { replicas: 1 });

    expect((await jsm.streams.info('PAYMENT')).config.max_age).toBe(wanted.max_age);
    const names: string[] = [];
    for await (const name of jsm.streams.names()) names.push(name);
    expect(names.sort()).toEqual(streams.map((stream) => stream.name).sort());
  });

  it('hands a valid event to its handler with the envelope and acks it', async () => {
    const app = await startApp();
    const data = placed();
    const event = await publish(app, data);
    await waitFor(
      () => Promise.resolve(deliveriesOf(app, data.orderId)),
      (d) => d.length === 1,
    );
    await settled();
    const [delivery] = deliveriesOf(app, data.orderId);
    expect(delivery).toMatchObject({
      attempt: 1,
      envelopeId: event.id,
      correlationId: data.orderId,
    });
  });

  it('runs the handler in the message context, so what it publishes is correlated and caused', async () => {
    const app = await startApp();
    const data = placed();
    const event = await publish(app, data);
    const [delivery] = await waitFor(
      () => Promise.resolve(deliveriesOf(app, data.orderId)),
      (d) => d.length === 1,
    );
    expect(delivery.context).toMatchObject({
      correlationId: data.orderId,
      causationId: event.id,
      eventType: SUBJECTS.ORDER_PLACED_V1,
    });
  });

  it('retries a failing handler with growing delays, then succeeds once', async () => {
    const app = await startApp();
    const data = placed();
    app.get(Behaviour).failuresLeft.set(data.orderId, 2);
    await publish(app, data);
    const deliveries = await waitFor(
      () => Promise.resolve(deliveriesOf(app, data.orderId)),
      (d) => d.length === 3,
    );
    await settled();
    expect(deliveries.map((d) => d.attempt)).toEqual([1, 2, 3]);
    const gaps = [deliveries[1].at - deliveries[0].at, deliveries[2].at - deliveries[1].at];
    expect(gaps[0]).toBeGreaterThanOrEqual(RETRY_BASE_MS * 0.9);
    expect(gaps[1]).toBeGreaterThanOrEqual(RETRY_BASE_MS * 2 * 0.9);
  });

  it('dead-letters a message whose retries are exhausted and goes on with the next', async () => {
    const app = await startApp();
    const doomed = placed();
    const next = placed();
    app.get(Behaviour).failuresLeft.set(doomed.orderId, Number.POSITIVE_INFINITY);
    await publish(app, doomed);
    await publish(app, next);
    await waitFor(
      () => Promise.resolve(deliveriesOf(app, next.orderId)),
      (d) => d.length === 1,
    );
    const letters = await waitFor(
      () => app.get(DeadLetters).list(SERVICE),
      (list) => list.some((l) => l.payload.includes(doomed.orderId)),
      { description: 'dead letter of the doomed order' },
    );
    const letter = letters.find((l) => l.payload.includes(doomed.orderId));
    expect(letter).toMatchObject({
      reason: 'RETRIES_EXHAUSTED',
      subject: SUBJECTS.ORDER_PLACED_V1,
      attempts: MAX_ATTEMPTS,
      consumer: durableName(SERVICE, SUBJECTS.ORDER_PLACED_V1),
    });
    expect(letter?.detail).toContain(`simulated failure of ${doomed.orderId}`);
    expect(deliveriesOf(app, doomed.orderId)).toHaveLength(MAX_ATTEMPTS);
    await settled();
  });

  it.each([
    ['BAD_JSON', () => '{"id": not json'],
    [
      'UNKNOWN_VERSION',
      () => {
        const event = createOutgoingEvent(SUBJECTS.ORDER_PLACED_V1, placed(), {
          correlationId: randomUUID(),
        });
        return JSON.stringify({ ...JSON.parse(event.payload), version: 7 });
      },
    ],
    [
      'INVALID_DATA',
      () => {
        const event = createOutgoingEvent(SUBJECTS.ORDER_PLACED_V1, placed(), {
          correlationId: randomUUID(),
        });
        const envelope = JSON.parse(event.payload) as { data: Placed };
        return JSON.stringify({ ...envelope, data: { ...envelope.data, total: -5 } });
      },
    ],
  ])(
    'dead-letters a poison message (%s) at once, with its headers, while later ones are handled',
    async (reason, body) => {
      const app = await startApp();
      const marker = randomUUID();
      const hdrs = natsHeaders();
      hdrs.set('X-Test-Marker', marker);
      await nc.jetstream().publish(SUBJECTS.ORDER_PLACED_V1, new TextEncoder().encode(body()), {
        headers: hdrs,
      });
      const after = placed();
      await publish(app, after);
      await waitFor(
        () => Promise.resolve(deliveriesOf(app, after.orderId)),
        (d) => d.length === 1,
      );
      const letters = await waitFor(
        () => app.get(DeadLetters).list(SERVICE),
        (list) => list.some((l) => l.headers['X-Test-Marker'] === marker),
        { description: `dead letter ${reason}` },
      );
      const letter = letters.find((l) => l.headers['X-Test-Marker'] === marker);
      expect(letter).toMatchObject({ reason, attempts: 1, subject: SUBJECTS.ORDER_PLACED_V1 });
      expect(letter?.detail).not.toBe('');
      await settled();
    },
  );

  it('tells the consumption observers how each delivery ended, and counts the same in the metrics', async () => {
    const app = await startApp();
    const seen: Consumption[] = [];
    app.get(ConsumptionObservers).add({ observe: (consumption) => seen.push(consumption) });
    const behaviour = app.get(Behaviour);
    const [processed, duplicate, retried, doomed] = [placed(), placed(), placed(), placed()];
    behaviour.duplicates.add(duplicate.orderId);
    behaviour.failuresLeft.set(retried.orderId, 1);
    behaviour.failuresLeft.set(doomed.orderId, Number.POSITIVE_INFINITY);
    for (const data of [processed, duplicate, retried, doomed]) await publish(app, data);

    const outcomesOf = (data: Placed) =>
      seen
        .filter((consumption) => consumption.envelope?.correlationId === data.orderId)
        .map(({ attempt, outcome, reason }) =>
          [attempt, outcome, reason].filter(Boolean).join(' '),
        );
    await waitFor(
      () => Promise.resolve(outcomesOf(doomed)),
      (outcomes) => outcomes.length === MAX_ATTEMPTS,
      { description: 'the doomed event dead-lettered' },
    );
    await settled();
    expect(outcomesOf(processed)).toEqual(['1 PROCESSED']);
    expect(outcomesOf(duplicate)).toEqual(['1 DUPLICATE']);
    expect(outcomesOf(retried)).toEqual(['1 RETRIED', '2 PROCESSED']);
    expect(outcomesOf(doomed)).toEqual([
      '1 RETRIED',
      '2 RETRIED',
      '3 DEAD_LETTERED RETRIES_EXHAUSTED',
    ]);

    // Everything this app settled (ours, and any leftover of an earlier test) is counted.
    const text = await app.get(MetricsRegistry).metrics();
    const consumer = {
      subject: SUBJECTS.ORDER_PLACED_V1,
      consumer: durableName(SERVICE, SUBJECTS.ORDER_PLACED_V1),
      service: SERVICE,
    };
    const count = (predicate: (consumption: Consumption) => boolean) =>
      seen.filter(predicate).length;
    for (const outcome of ['PROCESSED', 'DUPLICATE', 'RETRIED', 'DEAD_LETTERED'] as const) {
      expect({
        outcome,
        counted: metricValue(text, 'polyshop_events_consumed_total', { ...consumer, outcome }),
      }).toEqual({ outcome, counted: count((c) => c.outcome === outcome) });
    }
    expect(count((c) => c.outcome === 'DEAD_LETTERED')).toBeGreaterThanOrEqual(1);
    expect(metricValue(text, 'polyshop_events_redelivered_total', consumer)).toBe(
      count((c) => c.attempt > 1),
    );
    expect(
      metricValue(text, 'polyshop_events_dead_lettered_total', {
        ...consumer,
        reason: 'RETRIES_EXHAUSTED',
      }),
    ).toBe(count((c) => c.reason === 'RETRIES_EXHAUSTED'));
    expect(metricValue(text, 'polyshop_event_handler_duration_seconds_count', consumer)).toBe(
      seen.length,
    );
  });

  it("reports each durable consumer's pending and unacknowledged messages at scrape time", async () => {
    const app = await startApp();
    const held = placed();
    let release = () => undefined as void;
    app.get(Behaviour).gates.set(held.orderId, new Promise<void>((resolve) => (release = resolve)));
    await publish(app, held);
    await waitFor(
      () => Promise.resolve(deliveriesOf(app, held.orderId)),
      (d) => d.length === 1,
    );
    const labels = { stream: 'ORDER', consumer: durableName(SERVICE, SUBJECTS.ORDER_PLACED_V1) };
    const registry = app.get(MetricsRegistry);

    const whileHeld = await registry.metrics();
    expect(metricValue(whileHeld, 'polyshop_consumer_ack_pending_messages', labels)).toBe(1);
    expect(metricValue(whileHeld, 'polyshop_consumer_pending_messages', labels)).toBe(0);

    release();
    await settled();
    const after = await registry.metrics();
    expect(after).toMatch(/^polyshop_consumer_ack_pending_messages\{.*consumer="inventory-/m);
    expect(metricValue(after, 'polyshop_consumer_ack_pending_messages', labels)).toBe(0);
  });

  it('replays a dead letter to its handler and removes it from the list', async () => {
    const app = await startApp();
    const data = placed();
    app.get(Behaviour).failuresLeft.set(data.orderId, MAX_ATTEMPTS);
    await publish(app, data);
    const letters = await waitFor(
      () => app.get(DeadLetters).list(SERVICE),
      (list) => list.some((l) => l.payload.includes(data.orderId)),
    );
    const letter = letters.find((l) => l.payload.includes(data.orderId));
    if (!letter) throw new Error('no dead letter');

    await app.get(DeadLetters).replay(letter.seq, SERVICE);

    const deliveries = await waitFor(
      () => Promise.resolve(deliveriesOf(app, data.orderId)),
      (d) => d.length === MAX_ATTEMPTS + 1,
    );
    expect(deliveries[MAX_ATTEMPTS].attempt).toBe(1);
    const remaining = await app.get(DeadLetters).list(SERVICE);
    expect(remaining.map((l) => l.seq)).not.toContain(letter.seq);
    await settled();
  });

  it('lists and replays dead letters over request/reply, and says when one does not exist', async () => {
    const app = await startApp();
    const client = ClientProxyFactory.create({
      transport: Transport.NATS,
      options: { servers: [broker.url] },
    });
    try {
      const data = placed();
      app.get(Behaviour).failuresLeft.set(data.orderId, MAX_ATTEMPTS);
      const event = await publish(app, data);
      const patterns = DLQ_PATTERNS[SERVICE];
      const listed = await waitFor(
        () => lastValueFrom(client.send<DeadLetterList>(patterns.list, { limit: 100 })),
        (reply) => reply.items.some((item) => item.eventId === event.id),
        { description: 'dead letter listed over RPC' },
      );
      const view = listed.items.find((item) => item.eventId === event.id);
      expect(view).toMatchObject({
        originalSubject: SUBJECTS.ORDER_PLACED_V1,
        reason: 'RETRIES_EXHAUSTED',
        correlationId: data.orderId,
        consumer: SERVICE,
      });

      const missing = await lastValueFrom(
        client.send<unknown>(patterns.replay, { sequence: 999_999 }),
      );
      expect(missing).toMatchObject({ code: 'DLQ.NOT_FOUND' });
      const invalid = await lastValueFrom(client.send<unknown>(patterns.replay, { sequence: 'x' }));
      expect(invalid).toMatchObject({ code: 'VALIDATION.FAILED' });

      const replayed = await lastValueFrom(
        client.send<unknown>(patterns.replay, { sequence: view?.sequence }),
      );
      expect(replayed).toEqual({
        sequence: view?.sequence,
        originalSubject: SUBJECTS.ORDER_PLACED_V1,
        eventId: event.id,
      });
      await waitFor(
        () => Promise.resolve(deliveriesOf(app, data.orderId)),
        (d) => d.length === MAX_ATTEMPTS + 1,
      );
      await settled();
    } finally {
      await client.close();
    }
  });

  it('shares the work between two replicas, each event handled once', async () => {
    const first = await startApp('a');
    const second = await startApp('b');
    const orders = Array.from({ length: 40 }, () => placed());
    const events = orders.map((data) =>
      createOutgoingEvent(SUBJECTS.ORDER_PLACED_V1, data, { correlationId: data.orderId }),
    );
    expect((await first.get(EventPublisher).publishBatch(events)).every((o) => o.ok)).toBe(true);
    const ids = new Set(orders.map((o) => o.orderId));
    const handled = () =>
      [...first.get(Behaviour).deliveries, ...second.get(Behaviour).deliveries].filter((d) =>
        ids.has(d.orderId),
      );
    await waitFor(
      () => Promise.resolve(handled()),
      (d) => d.length >= orders.length,
    );
    await settled();
    const all = handled();
    expect(all).toHaveLength(orders.length);
    expect(new Set(all.map((d) => d.orderId)).size).toBe(orders.length);
    expect(new Set(all.map((d) => d.replica))).toEqual(new Set(['a', 'b']));
  });

  it('lets an in-flight handler finish and ack when the app shuts down', async () => {
    const app = await startApp();
    const data = placed();
    let release: () => void = () => undefined;
    app.get(Behaviour).gates.set(data.orderId, new Promise<void>((r) => (release = r)));
    await publish(app, data);
    await waitFor(
      () => Promise.resolve(deliveriesOf(app, data.orderId)),
      (d) => d.length === 1,
    );
    const closing = app.close();
    apps.splice(apps.indexOf(app), 1);
    release();
    await closing;
    const info = await consumerState();
    expect(info.num_ack_pending).toBe(0);
    expect(info.ack_floor.stream_seq).toBe(info.delivered.stream_seq);
    expect(deliveriesOf(app, data.orderId)).toHaveLength(1);
  });
});
