/**
 * Outbox relay benchmark against the local stores and NATS (`npm run infra:up` first):
 * fills a throwaway outbox with N events, then relays them through JetStream and prints the
 * store-side append rates and the relay's throughput. Prints figures, asserts nothing.
 *
 *   npx nx run messaging:bench-relay                 # PostgreSQL and MariaDB, 50,000 events
 *   npx nx run messaging:bench-relay --args="--kind=postgres --events=20000"
 *
 * Flags: --kind=all|postgres|mariadb, --events, --batch-size (500), --in-flight (2), and
 * --async-traces to keep nats.js's per-request stack traces (off here, as they cost CPU).
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { connect, type NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { LOCAL_URLS } from '@polyshop/config';
import { OutboxRelay } from '../outbox/outbox-relay';
import { outboxSchema } from '../outbox/sql-outbox.schema';
import { SqlOutboxStore } from '../outbox/sql-outbox.store';
import type { SqlDialect } from '../outbox/sql-executor';
import { EventPublisher } from '../publishing/event-publisher';
import type { OutgoingEvent, PublishOutcome } from '../publishing/outgoing-event';

interface BenchKind {
  name: string;
  dialect: SqlDialect;
  adminUrl: string;
  databasePrefix: string;
}

const KINDS: Record<string, BenchKind> = {
  postgres: {
    name: 'PostgreSQL',
    dialect: 'postgres',
    adminUrl: LOCAL_URLS.paymentDb,
    databasePrefix: 'outbox_bench_',
  },
  mariadb: {
    name: 'MariaDB',
    dialect: 'mysql',
    adminUrl: LOCAL_URLS.orderDb,
    databasePrefix: 'orders_outbox_bench_',
  },
};

const { values: args } = parseArgs({
  options: {
    kind: { type: 'string', default: 'all' },
    events: { type: 'string', default: '50000' },
    'batch-size': { type: 'string', default: '500' },
    'in-flight': { type: 'string', default: '2' },
    'async-traces': { type: 'boolean', default: false },
  },
});
const TOTAL = Number(args.events);
/** The first events are appended one per transaction, the rest in big transactions. */
const SINGLE_TRANSACTIONS = Math.min(5_000, TOTAL);
const BATCH_SIZE = Number(args['batch-size']);
const IN_FLIGHT = Number(args['in-flight']);
const NO_ASYNC_TRACES = !args['async-traces'];
const FILL_TRANSACTION = 500;
const CONCURRENCY = 16;

const rate = (count: number, ms: number) => Math.round((count / ms) * 1000).toLocaleString('en');

function dataSourceFor(kind: BenchKind, url: string): DataSource {
  return kind.dialect === 'postgres'
    ? new DataSource({ type: 'postgres', url, poolSize: CONCURRENCY })
    : new DataSource({
        type: 'mysql',
        url,
        timezone: 'Z',
        charset: 'utf8mb4_unicode_ci',
        extra: { connectionLimit: CONCURRENCY },
      });
}

/** An envelope-sized event (about 300 bytes) with the usual headers. */
function benchEvent(subject: string, n: number): OutgoingEvent {
  const id = randomUUID();
  const envelope = {
    id,
    type: 'order.placed',
    version: 1,
    occurredAt: new Date().toISOString(),
    correlationId: randomUUID(),
    causationId: null,
    producer: 'order',
    data: { orderId: randomUUID(), items: [{ productId: randomUUID(), quantity: n % 5 }] },
  };
  return {
    id,
    subject,
    payload: JSON.stringify(envelope),
    headers: {
      'Polyshop-Correlation-Id': envelope.correlationId,
      'Polyshop-Event-Type': 'order.placed.v1',
      'Polyshop-Producer': 'order',
    },
  };
}

/** Times the publishing: first publish sent to last ack received. */
class TimedPublisher {
  first = 0;
  last = 0;
  acked = 0;

  constructor(private readonly inner: EventPublisher) {}

  async publishBatch(events: readonly OutgoingEvent[]): Promise<PublishOutcome[]> {
    if (this.first === 0) this.first = performance.now();
    const outcomes = await this.inner.publishBatch(events);
    this.last = performance.now();
    this.acked += outcomes.filter((o) => o.ok).length;
    return outcomes;
  }
}

async function bench(kind: BenchKind, nats: NatsConnection): Promise<void> {
  const database = `${kind.databasePrefix}${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const tag = randomUUID().replaceAll('-', '').slice(0, 12);
  const streamName = `BENCH_${tag.toUpperCase()}`;
  const subject = `bench.${tag}.order.placed.v1`;
  const jsm = await nats.jetstreamManager();
  await jsm.streams.add({ name: streamName, subjects: [`bench.${tag}.>`] });
  const admin = await dataSourceFor(kind, kind.adminUrl).initialize();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(kind.adminUrl);
  url.pathname = `/${database}`;
  const dataSource = await dataSourceFor(kind, url.toString()).initialize();
  try {
    for (const sql of outboxSchema(kind.dialect).up) await dataSource.query(sql);
    const store = new SqlOutboxStore({ dialect: kind.dialect, database: dataSource });
    console.log(`\n${kind.name}: ${TOTAL.toLocaleString('en')} events`);

    let started = performance.now();
    let done = 0;
    const worker = async () => {
      while (done < SINGLE_TRANSACTIONS) {
        done++;
        await dataSource.transaction((tx) => store.append(tx, [benchEvent(subject, done)]));
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const single = performance.now() - started;
    console.log(
      `  append, 1 event per transaction, ${CONCURRENCY} concurrent: ` +
        `${rate(SINGLE_TRANSACTIONS, single)} tx/s`,
    );

    started = performance.now();
    for (let n = SINGLE_TRANSACTIONS; n < TOTAL; n += FILL_TRANSACTION) {
      const events = Array.from({ length: Math.min(FILL_TRANSACTION, TOTAL - n) }, (_, i) =>
        benchEvent(subject, n + i),
      );
      await dataSource.transaction((tx) => store.append(tx, events));
    }
    const filled = performance.now() - started;
    console.log(
      `  append, ${FILL_TRANSACTION} events per transaction: ` +
        `${rate(TOTAL - SINGLE_TRANSACTIONS, filled)} events/s`,
    );

    const publisher = new TimedPublisher(new EventPublisher(nats));
    const relay = new OutboxRelay(store, publisher, {
      batchSize: BATCH_SIZE,
      maxBatchesInFlight: IN_FLIGHT,
    });
    started = performance.now();
    relay.start();
    const deadline = Date.now() + 5 * 60_000;
    while (publisher.acked < TOTAL) {
      if (Date.now() > deadline) throw new Error(`relay stuck: ${JSON.stringify(relay.stats())}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await relay.stop();
    const drained = performance.now() - started;
    const { state } = await jsm.streams.info(streamName);
    console.log(
      `  relay, batches of ${BATCH_SIZE}, ${IN_FLIGHT} in flight: ${rate(TOTAL, publisher.last - publisher.first)} ` +
        `events/s first publish to last ack; ${rate(TOTAL, drained)} events/s start to ` +
        `settled; ${state.messages.toLocaleString('en')} messages in the stream; ` +
        `stats ${JSON.stringify(relay.stats())}`,
    );
  } finally {
    await dataSource.destroy();
    const force = kind.dialect === 'postgres' ? ' WITH (FORCE)' : '';
    await admin.query(`DROP DATABASE IF EXISTS ${database}${force}`);
    await admin.destroy();
    await jsm.streams.delete(streamName);
  }
}

async function main(): Promise<void> {
  const kinds = args.kind === 'all' ? Object.values(KINDS) : [KINDS[args.kind ?? '']];
  if (kinds.some((kind) => kind === undefined)) {
    throw new Error(`--kind must be one of all, ${Object.keys(KINDS).join(', ')}`);
  }
  const nats = await connect({ servers: LOCAL_URLS.nats, noAsyncTraces: NO_ASYNC_TRACES });
  try {
    for (const kind of kinds) await bench(kind, nats);
  } finally {
    await nats.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
