import {
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { errorMessage } from '@polyshop/service-runtime';
import { CRASH_POINTS, crashPoint } from '../chaos/crash-points';
import type { OutgoingEvent, PublishOutcome } from '../publishing/outgoing-event';
import type { ClaimedEvent, OutboxStore } from './outbox-store';
import {
  DEFAULT_OUTBOX_RELAY_OPTIONS,
  NO_RELAY_OBSERVER,
  defaultRelayOwner,
  retryDelay,
  type AppendLease,
  type OutboxRelayOptions,
  type RelayLogger,
  type RelayObserver,
} from './outbox-relay.options';

/** Publishes a batch pipelined; `EventPublisher` satisfies it. */
export interface EventBatchPublisher {
  /** One outcome per event, in the events' order; never rejects. */
  publishBatch(events: readonly OutgoingEvent[]): Promise<PublishOutcome[]>;
}

/** Counters of one relay since it started, for metrics and health. */
export interface OutboxRelayStats {
  /** Events the broker acknowledged (duplicates included). */
  readonly published: number;
  /** Of those, events the broker already had (`Nats-Msg-Id` seen within its window). */
  readonly duplicates: number;
  /** Publish attempts that failed (the events were released for a retry). */
  readonly failed: number;
  /** Outbox store operations that failed (claim, mark, release, purge). */
  readonly storeErrors: number;
  /** Published entries deleted after the retention period. */
  readonly purged: number;
  /** Append-to-ack time of the newest event of the last published batch. */
  readonly lastLagMs: number | null;
  /** Whether the relay is waiting out a backoff after failures. */
  readonly backingOff: boolean;
}

type RelayState = 'created' | 'running' | 'stopping' | 'stopped';

/** What became of a batch on the wire. */
interface BatchOutcome {
  readonly published: ClaimedEvent[];
  readonly failed: { event: ClaimedEvent; error: string }[];
}

/**
 * Moves committed outbox entries to JetStream. Three triggers:
 * - `publishCommitted(events)` right after a commit, for stores whose producers append under
 *   `appendLease` (the SQL outbox): the events are published from memory at once, with no
 *   claim, and marked published a few milliseconds later, many in one statement;
 * - `kick()` right after a commit, for the others: starts a drain;
 * - a sweeper on an interval (entries a crash or an outage left behind, leases that ran out).
 * A drain starts unless one is running (then one more pass follows it, however many kicks
 * came): claim a batch, publish it pipelined, mark the stored ones published, release the
 * failed ones with a per-entry backoff, and go on while batches come back full. A batch with no
 * success (broker or store down) backs the whole relay off exponentially.
 *
 * Delivery is at least once towards the broker and exactly once in the stream: every publish
 * carries `Nats-Msg-Id` = event id, so a resend within the duplicate window is dropped.
 */
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly options: OutboxRelayOptions;
  private readonly logger: RelayLogger;
  private readonly observer: RelayObserver;
  private state: RelayState = 'created';
  private draining: Promise<void> | null = null;
  private purging: Promise<void> | null = null;
  private kickedWhileDraining = false;
  /** Fast-path events waiting for this tick's batch. */
  private committed: ClaimedEvent[] = [];
  /** Fast-path events published and waiting to be marked. */
  private unmarked: ClaimedEvent[] = [];
  private markTimer: NodeJS.Timeout | undefined;
  /** Fast-path batches on the wire and marks under way, awaited by `stop()`. */
  private readonly fastPath = new Set<Promise<unknown>>();
  private consecutiveFailures = 0;
  private retryAt = 0;
  private sweepTimer: NodeJS.Timeout | undefined;
  private purgeTimer: NodeJS.Timeout | undefined;
  private readonly counters = {
    published: 0,
    duplicates: 0,
    failed: 0,
    storeErrors: 0,
    purged: 0,
    lastLagMs: null as number | null,
  };

  constructor(
    private readonly store: OutboxStore,
    private readonly publisher: EventBatchPublisher,
    options: Partial<OutboxRelayOptions> & { logger?: RelayLogger; observer?: RelayObserver } = {},
  ) {
    const { logger, observer, ...rest } = options;
    this.options = { ...DEFAULT_OUTBOX_RELAY_OPTIONS, owner: defaultRelayOwner(), ...rest };
    this.logger = logger ?? new Logger(OutboxRelay.name);
    this.observer = observer ?? NO_RELAY_OBSERVER;
    if (this.options.batchSize < 1) throw new Error('outbox relay: batchSize must be >= 1');
    if (this.options.leaseMs < 1) throw new Error('outbox relay: leaseMs must be >= 1');
    if (this.options.maxBatchesInFlight < 1) {
      throw new Error('outbox relay: maxBatchesInFlight must be >= 1');
    }
  }

  /** The name this replica leases entries under. */
  get owner(): string {
    return this.options.owner;
  }

  /** The lease to append entries under when they will be handed to `publishCommitted`. */
  get appendLease(): AppendLease {
    return { owner: this.options.owner, leaseMs: this.options.appendLeaseMs };
  }

  /** Starts the sweeper and the purge, and drains at once what earlier processes left. */
  start(): void {
    if (this.state !== 'created') throw new Error(`outbox relay cannot start when ${this.state}`);
    this.state = 'running';
    this.sweepTimer = setInterval(() => this.trigger(), this.options.sweepIntervalMs);
    this.purgeTimer = setInterval(() => this.purge(), this.options.purgeIntervalMs);
    this.sweepTimer.unref();
    this.purgeTimer.unref();
    this.trigger();
  }

  /**
   * Fast path: call right after committing a transaction that appended events. Starts a drain
   * at once, or asks the running one for another pass; cheap to call often. While the relay
   * backs off after failures, the kick is left to the sweeper's next retry.
   */
  kick(): void {
    crashPoint(CRASH_POINTS.outboxAfterCommit);
    this.trigger();
  }

  /**
   * Fast path: call right after committing a transaction that appended `events` under
   * `appendLease`. The events of one tick go out as one pipelined batch, without any claim;
   * the published ones are marked together shortly after, the failed ones released for the
   * sweeper. Until then their lease keeps sweepers away; if this process dies first, any
   * replica's sweeper takes them over when the lease ends (the broker drops a duplicate).
   */
  publishCommitted(events: readonly ClaimedEvent[]): void {
    crashPoint(CRASH_POINTS.outboxAfterCommit);
    // Stopped or backing off: the lease runs out and a sweeper publishes them.
    if (events.length === 0 || this.state !== 'running' || Date.now() < this.retryAt) return;
    if (this.committed.length === 0) setImmediate(() => this.flushCommitted());
    this.committed.push(...events);
  }

  private flushCommitted(): void {
    const { batchSize } = this.options;
    for (let start = 0; start < this.committed.length; start += batchSize) {
      const batch = this.committed.slice(start, start + batchSize);
      this.track(
        this.publish(batch).then(async ({ published, failed }) => {
          this.unmarked.push(...published);
          this.markTimer ??= setTimeout(() => this.markCommitted(), this.options.markDelayMs);
          const released = await this.release(failed);
          const problem = this.problemOf(batch.length, published, failed, released);
          if (problem !== null) this.backOff(problem);
          else if (published.length > 0) this.recovered();
        }),
      );
    }
    this.committed = [];
  }

  private markCommitted(): void {
    this.markTimer = undefined;
    const { batchSize } = this.options;
    for (let start = 0; start < this.unmarked.length; start += batchSize) {
      this.track(this.settlePublished(this.unmarked.slice(start, start + batchSize)));
    }
    this.unmarked = [];
  }

  private track(work: Promise<unknown>): void {
    this.fastPath.add(work);
    void work.finally(() => this.fastPath.delete(work));
  }

  /** Starts a drain (kick, sweeper, start), or asks the running one for another pass. */
  private trigger(): void {
    if (this.state !== 'running') return;
    if (this.draining !== null) {
      this.kickedWhileDraining = true;
      return;
    }
    if (Date.now() < this.retryAt) return;
    this.kickedWhileDraining = false;
    this.draining = this.drain().finally(() => {
      this.draining = null;
      if (this.kickedWhileDraining) this.trigger();
    });
  }

  /** Stops the timers and waits for the batches in flight to be settled and marked. */
  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopping';
    clearInterval(this.sweepTimer);
    clearInterval(this.purgeTimer);
    if (this.committed.length > 0) this.flushCommitted();
    await Promise.all([this.draining, this.purging, ...this.fastPath]);
    clearTimeout(this.markTimer);
    this.markCommitted();
    await Promise.all(this.fastPath);
    this.state = 'stopped';
  }

  /** A snapshot of the counters since `start()`. */
  stats(): OutboxRelayStats {
    return { ...this.counters, backingOff: Date.now() < this.retryAt };
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  /** Before Nest's shutdown hooks close the NATS connection and the store. */
  beforeApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  /**
   * Claims and publishes batches until the outbox is drained. Up to `maxBatchesInFlight`
   * batches overlap, so that claiming the next batch and settling the previous one happen
   * while the current one is on the wire.
   */
  private async drain(): Promise<void> {
    const { batchSize, maxBatchesInFlight } = this.options;
    const inFlight = new Set<Promise<void>>();
    let failure: string | null = null;
    let publishedAny = false;
    while (this.state === 'running' && failure === null) {
      this.kickedWhileDraining = false;
      let batch: ClaimedEvent[];
      try {
        batch = await this.store.claim(batchSize, this.options.owner, this.options.leaseMs);
      } catch (error) {
        this.counters.storeErrors++;
        failure = `claim failed: ${errorMessage(error)}`;
        break;
      }
      if (batch.length > 0) {
        const relayed: Promise<void> = this.relayBatch(batch).then(({ published, problem }) => {
          publishedAny ||= published > 0;
          failure ??= problem;
          inFlight.delete(relayed);
        });
        inFlight.add(relayed);
      }
      if (batch.length < batchSize && !this.kickedWhileDraining) break;
      while (inFlight.size >= maxBatchesInFlight) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    if (failure !== null) this.backOff(failure);
    else if (publishedAny) this.recovered();
  }

  /** Publishes one claimed batch and settles it; says how many went out and what went wrong. */
  private async relayBatch(
    batch: readonly ClaimedEvent[],
  ): Promise<{ published: number; problem: string | null }> {
    const { published, failed } = await this.publish(batch);
    const [marked, released] = await Promise.all([
      this.settlePublished(published),
      this.release(failed),
    ]);
    return {
      published: published.length,
      problem: this.problemOf(batch.length, published, failed, marked && released),
    };
  }

  /** What went wrong with a batch, or `null` when all is well. */
  private problemOf(
    size: number,
    published: readonly ClaimedEvent[],
    failed: BatchOutcome['failed'],
    settled: boolean,
  ): string | null {
    if (published.length === 0) {
      return `${failed.length} of ${size} events not published: ${failed[0].error}`;
    }
    return settled ? null : 'settling the outbox failed';
  }

  /** Puts a batch on the wire and sorts its events by the broker's answers, counting them. */
  private async publish(batch: readonly ClaimedEvent[]): Promise<BatchOutcome> {
    const outcomes = await this.publisher.publishBatch(batch).catch((error: unknown) =>
      batch.map((event): PublishOutcome => ({
        id: event.id,
        ok: false,
        error: errorMessage(error),
      })),
    );
    const ackedAt = Date.now();
    const published: ClaimedEvent[] = [];
    const failed: BatchOutcome['failed'] = [];
    batch.forEach((event, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) {
        published.push(event);
        if (outcome.duplicate) this.counters.duplicates++;
        this.observer.published(event, outcome.duplicate, ackedAt - event.appendedAt);
      } else {
        failed.push({ event, error: outcome?.error ?? 'no publish outcome' });
        this.observer.failed(event);
      }
    });
    this.counters.published += published.length;
    this.counters.failed += failed.length;
    if (published.length > 0) {
      crashPoint(CRASH_POINTS.relayAfterPublish);
      this.counters.lastLagMs = ackedAt - published[published.length - 1].appendedAt;
    }
    return { published, failed };
  }

  /** Marks published entries; if that fails they are republished after the lease (deduplicated). */
  private async settlePublished(events: readonly ClaimedEvent[]): Promise<boolean> {
    if (events.length === 0) return true;
    try {
      await this.store.markPublished(events);
      return true;
    } catch (error) {
      this.counters.storeErrors++;
      this.logger.warn(`marking ${events.length} events published failed: ${errorMessage(error)}`);
      return false;
    }
  }

  /** Gives failed entries back, each with a delay growing with its attempts. */
  private async release(failed: BatchOutcome['failed']): Promise<boolean> {
    if (failed.length === 0) return true;
    const { retryBaseMs, retryMaxMs, owner } = this.options;
    const byDelay = new Map<number, ClaimedEvent[]>();
    for (const { event } of failed) {
      const delay = retryDelay(event.attempts, retryBaseMs, retryMaxMs);
      byDelay.set(delay, [...(byDelay.get(delay) ?? []), event]);
    }
    try {
      for (const [delay, events] of byDelay) await this.store.release(events, owner, delay);
      return true;
    } catch (error) {
      this.counters.storeErrors++;
      this.logger.warn(`releasing ${failed.length} events failed: ${errorMessage(error)}`);
      return false;
    }
  }

  private backOff(reason: string): void {
    this.consecutiveFailures++;
    const { retryBaseMs, retryMaxMs } = this.options;
    const delay = retryDelay(this.consecutiveFailures, retryBaseMs, retryMaxMs);
    this.retryAt = Date.now() + delay;
    this.logger.warn(`outbox relay: ${reason}; retrying in ${delay} ms`);
  }

  private recovered(): void {
    if (this.consecutiveFailures === 0) return;
    this.logger.log(`outbox relay: publishing again after ${this.consecutiveFailures} failures`);
    this.consecutiveFailures = 0;
    this.retryAt = 0;
  }

  private purge(): void {
    if (this.state !== 'running' || this.purging !== null) return;
    this.purging = this.store
      .purgePublished(this.options.retentionMs)
      .then(
        (deleted) => {
          this.counters.purged += deleted;
        },
        (error: unknown) => {
          this.counters.storeErrors++;
          this.logger.warn(`outbox purge failed: ${errorMessage(error)}`);
        },
      )
      .finally(() => {
        this.purging = null;
      });
  }
}
