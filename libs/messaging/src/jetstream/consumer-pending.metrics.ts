import { METRIC_PREFIX, type MetricsRegistry } from '@polyshop/observability';
import { withTimeout } from '@polyshop/service-runtime';
import type { JetStreamManager, NatsConnection } from 'nats';
import { Gauge } from 'prom-client';
import type { ConsumerRegistry } from './consumer-registry';

/** Longest a scrape waits for the broker's consumer info before answering without it. */
export const PENDING_COLLECT_TIMEOUT_MS = 2_000;

type PendingLabels = 'stream' | 'consumer';

/**
 * The backlog of each durable consumer this process reads (`ConsumerRegistry`), asked of the
 * broker at scrape time: messages not delivered yet and messages delivered but not acked. The
 * read is bounded by `PENDING_COLLECT_TIMEOUT_MS`; a broker that does not answer leaves the
 * gauges empty for that scrape.
 */
export class ConsumerPendingMetrics {
  private readonly pending: Gauge<PendingLabels>;
  private readonly ackPending: Gauge<PendingLabels>;
  private jsm: Promise<JetStreamManager> | null = null;
  /** The read of the scrape under way, shared by both gauges. */
  private reading: Promise<void> | null = null;

  constructor(
    private readonly registry: MetricsRegistry,
    private readonly consumers: ConsumerRegistry,
    private readonly connection: NatsConnection,
  ) {
    const collect = () => this.refresh();
    this.pending = new Gauge({
      name: `${METRIC_PREFIX}consumer_pending_messages`,
      help: 'Messages of the stream not yet delivered to the durable consumer (num_pending)',
      labelNames: ['stream', 'consumer'],
      registers: [registry],
      collect,
    });
    this.ackPending = new Gauge({
      name: `${METRIC_PREFIX}consumer_ack_pending_messages`,
      help: 'Messages delivered to the durable consumer and not acknowledged yet (num_ack_pending)',
      labelNames: ['stream', 'consumer'],
      registers: [registry],
      collect,
    });
  }

  private refresh(): Promise<void> {
    this.reading ??= this.read().finally(() => {
      this.reading = null;
    });
    return this.reading;
  }

  private async read(): Promise<void> {
    this.pending.reset();
    this.ackPending.reset();
    const registered = this.consumers.all();
    if (registered.length === 0) return;
    try {
      const infos = await withTimeout(
        (async () => {
          this.jsm ??= this.connection.jetstreamManager();
          const jsm = await this.jsm.catch((error: unknown) => {
            this.jsm = null;
            throw error;
          });
          return Promise.all(
            registered.map(({ stream, durable }) => jsm.consumers.info(stream, durable)),
          );
        })(),
        PENDING_COLLECT_TIMEOUT_MS,
        'consumer info',
      );
      for (const info of infos) {
        const labels = { stream: info.stream_name, consumer: info.name };
        this.pending.set(labels, info.num_pending);
        this.ackPending.set(labels, info.num_ack_pending);
      }
    } catch {
      this.registry.collectFailures.inc({ collector: 'consumer_pending' });
    }
  }
}
