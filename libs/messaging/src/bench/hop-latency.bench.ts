/**
 * Publish-to-handler latency of the JetStream transport, on a throwaway broker (so the shared
 * streams stay clean): a Nest app with one `@OnEvent` handler (a no-op, so the figures are the
 * transport's), fed through `EventPublisher` at constant open-loop rates. Every latency is
 * measured from the event's intended send time, so a late sender or a queue that builds up
 * shows in the figures instead of hiding them. Prints figures, asserts nothing.
 *
 *   npx nx run messaging:bench-latency                            # 500, 2,000, 5,000 events/s
 *   npx nx run messaging:bench-latency --args="--rates=1000 --rates=8000 --seconds=10"
 *
 * Flags: --rates (events/s; repeat it, or comma-separate when not run through Nx, which splits
 * commas), --seconds per rate (5), --warmup seconds at the first rate, not reported (2),
 * --concurrency of the consumer (the transport's default, 16).
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Controller, Inject, Injectable, Logger, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Ctx, Payload } from '@nestjs/microservices';
import { durableName, EVENTS, SUBJECTS, type EventData } from '@polyshop/contracts';
import { createServiceApp } from '@polyshop/service-runtime';
import { NatsServerProcess, waitFor } from '@polyshop/testing';
import { connect, type NatsConnection } from 'nats';
import { connectJetStream } from '../jetstream/jetstream-transport';
import type { JetStreamContext } from '../jetstream/jetstream.context';
import { DEFAULT_CONSUMER_OPTIONS } from '../jetstream/jetstream.options';
import { OnEvent } from '../jetstream/on-event.decorator';
import { MessagingModule } from '../messaging.module';
import { createOutgoingEvent } from '../publishing/create-outgoing-event';
import { EventPublisher } from '../publishing/event-publisher';
import type { OutgoingEvent } from '../publishing/outgoing-event';

const SERVICE = 'inventory-service' as const;
const SUBJECT = SUBJECTS.ORDER_PLACED_V1;
const decoder = new TextDecoder();

const { values: args } = parseArgs({
  options: {
    rates: { type: 'string', multiple: true, default: ['500', '2000', '5000'] },
    seconds: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2' },
    concurrency: { type: 'string', default: String(DEFAULT_CONSUMER_OPTIONS.concurrency) },
  },
});
const RATES = (args.rates ?? []).flatMap((rates) => rates.split(',')).map(Number);
const SECONDS = Number(args.seconds);
const WARMUP_SECONDS = Number(args.warmup);
const CONCURRENCY = Number(args.concurrency);

/** When the handler started on each event, by envelope id. */
@Injectable()
class HandlerStarts {
  readonly at = new Map<string, number>();
}

@Controller()
class PlacedHandler {
  // Named explicitly: tsx (esbuild) emits no decorator metadata.
  constructor(@Inject(HandlerStarts) private readonly starts: HandlerStarts) {}

  @OnEvent(SUBJECT)
  onPlaced(
    @Payload() _data: EventData<'order.placed.v1'>,
    @Ctx() context: JetStreamContext<'order.placed.v1'>,
  ): Promise<void> {
    this.starts.at.set(context.envelope.id, performance.now());
    return Promise.resolve();
  }
}

@Module({
  imports: [
    ConfigModule.forRoot({ ignoreEnvFile: true, isGlobal: true }),
    MessagingModule.forRoot(SERVICE),
  ],
  controllers: [PlacedHandler],
  providers: [HandlerStarts],
})
class HopLatencyBenchModule {}

/**
 * Watches the consumer's acks on their way to the broker (`$JS.ACK.<stream>.<durable>.…`):
 * when each stream sequence was acked, as the broker routes it.
 */
class AckWatcher {
  readonly at = new Map<number, number>();

  constructor(connection: NatsConnection, stream: string, durable: string) {
    connection.subscribe(`$JS.ACK.${stream}.${durable}.>`, {
      callback: (error, message) => {
        if (error || decoder.decode(message.data) !== '+ACK') return;
        const tokens = message.subject.split('.');
        // $JS.ACK.<stream>.<durable>.<delivered>.<seq>.<cseq>.<ts>.<pending>; newer servers
        // add a domain and an account hash after ACK (12 tokens).
        const seq = Number(tokens.length === 9 ? tokens[5] : tokens[7]);
        this.at.set(seq, performance.now());
      },
    });
  }
}

interface Sent {
  event: OutgoingEvent;
  intendedAt: number;
  sentAt: number;
  publishAckedAt?: number;
  seq?: number;
}

const formatMs = (ms: number | undefined) => (ms === undefined ? '-' : ms.toFixed(2));
const formatCount = (n: number) => Math.round(n).toLocaleString('en');

/** Events per second between the first and the last of `times`. */
function rateOf(times: number[]): number {
  if (times.length < 2) return Number.NaN;
  const sorted = Float64Array.from(times).sort();
  return ((sorted.length - 1) / (sorted[sorted.length - 1] - sorted[0])) * 1_000;
}

function percentiles(values: number[]): Record<'p50' | 'p90' | 'p99' | 'max', number | undefined> {
  const sorted = Float64Array.from(values).sort();
  const rank = (p: number) =>
    sorted.length === 0
      ? undefined
      : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  return { p50: rank(0.5), p90: rank(0.9), p99: rank(0.99), max: sorted.at(-1) };
}

function orderPlaced(n: number): OutgoingEvent {
  const orderId = randomUUID();
  return createOutgoingEvent(
    SUBJECT,
    {
      orderId,
      userId: randomUUID(),
      items: [{ productId: '64b7f0c2a1b2c3d4e5f60718', quantity: 1 + (n % 5), unitPrice: 1250 }],
      total: 1250 * (1 + (n % 5)),
      currency: 'EUR',
      paymentToken: 'tok_visa',
    },
    { correlationId: orderId },
  );
}

const orderPlacedEvents = (rate: number, seconds: number) =>
  Array.from({ length: Math.round(rate * seconds) }, (_, n) => orderPlaced(n));

/**
 * Sends `events` at `rate` per second, each at its intended time (never waiting for the
 * previous one: open loop), and waits until every one is handled and acked.
 */
async function run(
  events: readonly OutgoingEvent[],
  rate: number,
  publisher: EventPublisher,
  acks: AckWatcher,
): Promise<Sent[]> {
  const sent: Sent[] = [];
  const publishes: Promise<void>[] = [];
  const interval = 1_000 / rate;
  const start = performance.now() + 10;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent.length < events.length && start + sent.length * interval <= now) {
        const entry: Sent = {
          event: events[sent.length],
          intendedAt: start + sent.length * interval,
          sentAt: now,
        };
        sent.push(entry);
        publishes.push(
          publisher.publishBatch([entry.event]).then(([outcome]) => {
            entry.publishAckedAt = performance.now();
            if (outcome.ok) entry.seq = outcome.seq;
          }),
        );
      }
      if (sent.length === events.length) resolve();
      else setTimeout(tick, start + sent.length * interval - performance.now());
    };
    setTimeout(tick, start - performance.now());
  });
  await Promise.all(publishes);
  await waitFor(
    () => Promise.resolve(sent.filter((s) => s.seq !== undefined && acks.at.has(s.seq)).length),
    (acked) => acked === sent.length,
    { description: 'every event handled and acked', timeoutMs: 30_000, intervalMs: 20 },
  ).catch((error: unknown) => console.log(`  ${String(error)}`));
  return sent;
}

function report(
  label: string,
  sent: Sent[],
  starts: HandlerStarts,
  acks: AckWatcher,
  cpu: NodeJS.CpuUsage,
  wallMs: number,
): void {
  const handled = sent.flatMap((s) => {
    const at = starts.at.get(s.event.id);
    return at === undefined ? [] : [{ s, at }];
  });
  const acked = sent.flatMap((s) => {
    const at = s.seq === undefined ? undefined : acks.at.get(s.seq);
    return at === undefined ? [] : [{ s, at }];
  });
  const cpuPercent = ((cpu.user + cpu.system) / 1_000 / wallMs) * 100;
  console.log(
    `\n${label}: sent ${formatCount(sent.length)} at ${formatCount(rateOf(sent.map((s) => s.sentAt)))}/s, ` +
      `handled ${formatCount(handled.length)} at ${formatCount(rateOf(handled.map((h) => h.at)))}/s, ` +
      `acked ${formatCount(acked.length)}; this process (producer, consumer, ack watcher) ` +
      `used ${cpuPercent.toFixed(0)}% of a core`,
  );
  const rows: [string, number[]][] = [
    ['sent (the sender late)', sent.map((s) => s.sentAt - s.intendedAt)],
    [
      'publish acked',
      sent.flatMap((s) =>
        s.publishAckedAt === undefined ? [] : [s.publishAckedAt - s.intendedAt],
      ),
    ],
    ['handler started', handled.map(({ s, at }) => at - s.intendedAt)],
    ['  (from the actual send)', handled.map(({ s, at }) => at - s.sentAt)],
    ['ack reached the broker', acked.map(({ s, at }) => at - s.intendedAt)],
  ];
  const line = (name: string, cells: string[]) =>
    console.log(`  ${name.padEnd(32)}${cells.map((cell) => cell.padStart(8)).join('')}`);
  line('ms after the intended send time', ['p50', 'p90', 'p99', 'max']);
  for (const [name, values] of rows) {
    const { p50, p90, p99, max } = percentiles(values);
    line(name, [p50, p90, p99, max].map(formatMs));
  }
}

async function main(): Promise<void> {
  const broker = await NatsServerProcess.start();
  process.env.NATS_URL = broker.url;
  Logger.overrideLogger(['error', 'warn']);
  const producer = await connect({
    servers: broker.url,
    name: 'bench-producer',
    noAsyncTraces: true,
  });
  const watcher = await connect({ servers: broker.url, name: 'bench-ack-watcher' });
  const app = await createServiceApp(HopLatencyBenchModule, {
    name: SERVICE,
    rpcServer: true,
    connect: (created) => connectJetStream(created, { service: SERVICE, concurrency: CONCURRENCY }),
  });
  try {
    await app.startAllMicroservices();
    await app.init();
    const starts = app.get(HandlerStarts);
    const acks = new AckWatcher(watcher, EVENTS[SUBJECT].stream, durableName(SERVICE, SUBJECT));
    await watcher.flush();
    const publisher = new EventPublisher(producer);
    const size = Buffer.byteLength(orderPlaced(0).payload);
    console.log(
      `JetStream hop latency: throwaway nats-server ${producer.info?.version ?? ''} ` +
        `(file storage) on this machine, ` +
        `one @OnEvent consumer (concurrency ${CONCURRENCY}), a no-op handler, ` +
        `${size}-byte envelopes, ${SECONDS} s per rate, open loop`,
    );
    if (WARMUP_SECONDS > 0) {
      await run(orderPlacedEvents(RATES[0], WARMUP_SECONDS), RATES[0], publisher, acks);
    }
    for (const rate of RATES) {
      const events = orderPlacedEvents(rate, SECONDS);
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const sent = await run(events, rate, publisher, acks);
      report(
        `${formatCount(rate)} events/s`,
        sent,
        starts,
        acks,
        process.cpuUsage(cpuBefore),
        performance.now() - started,
      );
    }
  } finally {
    await app.close();
    await producer.close();
    await watcher.close();
    await broker.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
