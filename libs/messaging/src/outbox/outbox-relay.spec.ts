import type { OutgoingEvent, PublishOutcome } from '../publishing/outgoing-event';
import { OutboxRelay, type EventBatchPublisher } from './outbox-relay';
import type { OutboxRelayOptions, RelayObserver } from './outbox-relay.options';
import type { ClaimedEvent, OutboxBacklog, OutboxStore } from './outbox-store';

interface Entry {
  event: OutgoingEvent;
  appendedAt: number;
  attempts: number;
  leasedUntil: number;
  owner: string | null;
  published: boolean;
}

/** An in-memory outbox with the store contract's lease semantics. */
class FakeStore implements OutboxStore {
  readonly entries: Entry[] = [];
  readonly claimSizes: number[] = [];
  readonly releases: { ids: string[]; retryAfterMs: number }[] = [];
  readonly marks: string[][] = [];
  readonly purges: number[] = [];
  failClaims = false;

  append(events: readonly OutgoingEvent[]): void {
    for (const event of events) {
      this.entries.push({
        event,
        appendedAt: Date.now(),
        attempts: 0,
        leasedUntil: 0,
        owner: null,
        published: false,
      });
    }
  }

  /** What `SqlOutboxStore.appendLeased` does: entries leased to `owner`, claimed once. */
  appendLeased(events: readonly OutgoingEvent[], owner: string, leaseMs: number): ClaimedEvent[] {
    const appendedAt = Date.now();
    for (const event of events) {
      this.entries.push({
        event,
        appendedAt,
        attempts: 1,
        leasedUntil: appendedAt + leaseMs,
        owner,
        published: false,
      });
    }
    return events.map((event) => ({ ...event, ref: event.id, attempts: 1, appendedAt }));
  }

  claim(limit: number, owner: string, leaseMs: number): Promise<ClaimedEvent[]> {
    if (this.failClaims) return Promise.reject(new Error('store down'));
    const now = Date.now();
    const free = this.entries.filter((e) => !e.published && e.leasedUntil <= now).slice(0, limit);
    this.claimSizes.push(free.length);
    return Promise.resolve(
      free.map((entry) => {
        entry.attempts++;
        entry.owner = owner;
        entry.leasedUntil = now + leaseMs;
        return {
          ...entry.event,
          ref: entry.event.id,
          attempts: entry.attempts,
          appendedAt: entry.appendedAt,
        };
      }),
    );
  }

  markPublished(events: readonly ClaimedEvent[]): Promise<void> {
    this.marks.push(events.map((e) => e.id));
    for (const entry of this.find(events)) entry.published = true;
    return Promise.resolve();
  }

  release(events: readonly ClaimedEvent[], owner: string, retryAfterMs: number): Promise<void> {
    this.releases.push({ ids: events.map((e) => e.id), retryAfterMs });
    for (const entry of this.find(events)) {
      if (entry.owner === owner) entry.leasedUntil = Date.now() + retryAfterMs;
    }
    return Promise.resolve();
  }

  purgePublished(retentionMs: number): Promise<number> {
    this.purges.push(retentionMs);
    return Promise.resolve(0);
  }

  backlog(): Promise<OutboxBacklog> {
    const waiting = this.entries.filter((e) => !e.published);
    return Promise.resolve({
      count: waiting.length,
      oldestAppendedAt: waiting[0]?.appendedAt ?? null,
    });
  }

  get unpublished(): number {
    return this.entries.filter((e) => !e.published).length;
  }

  private find(events: readonly ClaimedEvent[]): Entry[] {
    const ids = new Set(events.map((e) => e.ref));
    return this.entries.filter((e) => ids.has(e.event.id));
  }
}

/** Publishes instantly, fails the ids it is told to, and can hold batches until released. */
class FakePublisher implements EventBatchPublisher {
  readonly batches: string[][] = [];
  failing: 'all' | Set<string> = new Set();
  duplicates = new Set<string>();
  private gate: Promise<void> | null = null;
  private openGate: (() => void) | null = null;

  hold(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }

  release(): void {
    this.openGate?.();
    this.gate = null;
  }

  async publishBatch(events: readonly OutgoingEvent[]): Promise<PublishOutcome[]> {
    this.batches.push(events.map((e) => e.id));
    if (this.gate) await this.gate;
    return events.map((event, i) =>
      this.failing === 'all' || this.failing.has(event.id)
        ? { id: event.id, ok: false, error: 'no responders' }
        : { id: event.id, ok: true, duplicate: this.duplicates.has(event.id), seq: i + 1 },
    );
  }

  get published(): string[] {
    return this.batches.flat();
  }
}

const events = (count: number, from = 0): OutgoingEvent[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `event-${from + i}`,
    subject: 'test.thing.happened.v1',
    payload: '{}',
    headers: {},
  }));

const quietLogger = { log: jest.fn(), warn: jest.fn(), error: jest.fn() };

describe('OutboxRelay', () => {
  let store: FakeStore;
  let publisher: FakePublisher;
  let relay: OutboxRelay;

  const createRelay = (options: Partial<OutboxRelayOptions> & { observer?: RelayObserver } = {}) =>
    new OutboxRelay(store, publisher, {
      owner: 'relay-1',
      batchSize: 10,
      sweepIntervalMs: 1_000,
      retryBaseMs: 500,
      retryMaxMs: 4_000,
      purgeIntervalMs: 60_000,
      retentionMs: 3_600_000,
      logger: quietLogger,
      ...options,
    });

  /** Lets every pending promise callback run without moving the clock. */
  const settle = () => jest.advanceTimersByTimeAsync(0);

  beforeEach(() => {
    jest.useFakeTimers();
    store = new FakeStore();
    publisher = new FakePublisher();
    relay = createRelay();
  });

  afterEach(async () => {
    publisher.release();
    await relay.stop();
    jest.useRealTimers();
  });

  it('drains what earlier processes left behind as soon as it starts', async () => {
    store.append(events(3));

    relay.start();
    await settle();

    expect(publisher.batches).toEqual([['event-0', 'event-1', 'event-2']]);
    expect(store.unpublished).toBe(0);
  });

  it('publishes at once on a kick, without waiting for the sweeper', async () => {
    relay.start();
    await settle();
    store.append(events(2));

    relay.kick();
    await settle();

    expect(publisher.published).toEqual(['event-0', 'event-1']);
  });

  it('coalesces the kicks that arrive during a drain into one more pass', async () => {
    relay.start();
    await settle();
    store.append(events(1));
    publisher.hold();
    relay.kick();
    await settle();
    store.append(events(3, 1));
    for (let i = 0; i < 50; i++) relay.kick();

    publisher.release();
    await settle();

    expect(publisher.batches).toEqual([['event-0'], ['event-1', 'event-2', 'event-3']]);
    expect(store.claimSizes.filter((size) => size > 0)).toEqual([1, 3]);
    expect(store.claimSizes.length).toBeLessThanOrEqual(4);
  });

  it('keeps draining batch after batch while they come back full', async () => {
    store.append(events(25));

    relay.start();
    await settle();

    expect(publisher.batches.map((batch) => batch.length)).toEqual([10, 10, 5]);
    expect(store.unpublished).toBe(0);
  });

  it('claims the next batch while the current one is on the wire, two batches at most', async () => {
    store.append(events(30));
    publisher.hold();

    relay.start();
    await settle();
    expect(publisher.batches.map((batch) => batch.length)).toEqual([10, 10]);

    publisher.release();
    await settle();
    expect(publisher.batches.map((batch) => batch.length)).toEqual([10, 10, 10]);
    expect(store.unpublished).toBe(0);
  });

  it('publishes what the sweeper finds without any kick', async () => {
    relay.start();
    await settle();
    store.append(events(2));

    await jest.advanceTimersByTimeAsync(1_000);

    expect(publisher.published).toEqual(['event-0', 'event-1']);
  });

  it('marks the published events and releases the failed ones with a delay growing per attempt', async () => {
    publisher.failing = new Set(['event-1']);
    store.append(events(3));

    relay.start();
    await settle();

    expect(store.entries.map((e) => e.published)).toEqual([true, false, true]);
    expect(store.releases).toEqual([{ ids: ['event-1'], retryAfterMs: 500 }]);

    await jest.advanceTimersByTimeAsync(1_000);
    expect(store.releases[1]).toEqual({ ids: ['event-1'], retryAfterMs: 1_000 });
    expect(relay.stats()).toMatchObject({ published: 2, failed: 2 });
  });

  it('backs off exponentially while nothing can be published, ignoring kicks meanwhile', async () => {
    publisher.failing = 'all';
    store.append(events(1));
    relay = createRelay({ sweepIntervalMs: 100 });

    relay.start();
    await settle();
    expect(publisher.batches).toHaveLength(1);
    expect(relay.stats().backingOff).toBe(true);

    relay.kick();
    await jest.advanceTimersByTimeAsync(400);
    expect(publisher.batches).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(100);
    expect(publisher.batches).toHaveLength(2);

    await jest.advanceTimersByTimeAsync(900);
    expect(publisher.batches).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(100);
    expect(publisher.batches).toHaveLength(3);
  });

  it('resumes at full speed once the broker is back', async () => {
    publisher.failing = 'all';
    store.append(events(1));
    relay = createRelay({ sweepIntervalMs: 100 });
    relay.start();
    await settle();

    publisher.failing = new Set();
    await jest.advanceTimersByTimeAsync(600);

    expect(store.unpublished).toBe(0);
    expect(relay.stats().backingOff).toBe(false);
    store.append(events(1, 1));
    relay.kick();
    await settle();
    expect(publisher.published.at(-1)).toBe('event-1');
  });

  it('backs off when the outbox store fails, and counts the error', async () => {
    store.failClaims = true;

    relay.start();
    await settle();

    expect(relay.stats()).toMatchObject({ storeErrors: 1, backingOff: true });
    store.failClaims = false;
    store.append(events(1));
    await jest.advanceTimersByTimeAsync(1_000);
    expect(store.unpublished).toBe(0);
  });

  it('treats a publisher that throws as a failed batch and releases its events', async () => {
    store.append(events(2));
    jest.spyOn(publisher, 'publishBatch').mockRejectedValueOnce(new Error('connection closed'));

    relay.start();
    await settle();

    expect(store.releases).toEqual([{ ids: ['event-0', 'event-1'], retryAfterMs: 500 }]);
    expect(relay.stats()).toMatchObject({ failed: 2, backingOff: true });
    await jest.advanceTimersByTimeAsync(1_000);
    expect(store.unpublished).toBe(0);
  });

  it('finishes the batch in flight when stopped, and relays nothing afterwards', async () => {
    store.append(events(10));
    relay.start();
    publisher.hold();
    await settle();
    store.append(events(5, 10));

    const stopped = relay.stop();
    publisher.release();
    await stopped;

    expect(publisher.batches).toHaveLength(1);
    expect(store.entries.slice(0, 10).every((e) => e.published)).toBe(true);
    relay.kick();
    await jest.advanceTimersByTimeAsync(5_000);
    expect(publisher.batches).toHaveLength(1);
  });

  describe('fast path (publishCommitted)', () => {
    const commit = (count: number, from = 0) =>
      store.appendLeased(events(count, from), relay.appendLease.owner, relay.appendLease.leaseMs);

    beforeEach(async () => {
      relay = createRelay({ appendLeaseMs: 3_000, markDelayMs: 50 });
      relay.start();
      await settle();
    });

    it('publishes the events of one tick as one batch at once, without claiming them', async () => {
      relay.publishCommitted(commit(1));
      relay.publishCommitted(commit(2, 1));
      await settle();

      expect(publisher.batches).toEqual([['event-0', 'event-1', 'event-2']]);
      expect(store.claimSizes.filter((size) => size > 0)).toEqual([]);
    });

    it('marks the published events together once the mark delay has passed', async () => {
      relay.publishCommitted(commit(1));
      await settle();
      relay.publishCommitted(commit(1, 1));
      await settle();
      expect(store.marks).toEqual([]);

      await jest.advanceTimersByTimeAsync(50);

      expect(store.marks).toEqual([['event-0', 'event-1']]);
      expect(store.unpublished).toBe(0);
    });

    it('keeps the sweeper off the leased events, so that each is published once', async () => {
      publisher.hold();
      relay.publishCommitted(commit(2));
      await jest.advanceTimersByTimeAsync(2_000);
      publisher.release();
      await jest.advanceTimersByTimeAsync(2_000);

      expect(publisher.published).toEqual(['event-0', 'event-1']);
    });

    it('releases the events that failed, for the sweeper to publish after the retry delay', async () => {
      publisher.failing = new Set(['event-1']);
      relay.publishCommitted(commit(2));
      await settle();
      expect(store.releases).toEqual([{ ids: ['event-1'], retryAfterMs: 500 }]);

      publisher.failing = new Set();
      await jest.advanceTimersByTimeAsync(1_000);

      expect(publisher.published).toEqual(['event-0', 'event-1', 'event-1']);
      expect(store.unpublished).toBe(0);
    });

    it('leaves events committed while backing off to the sweeper once their lease ends', async () => {
      publisher.failing = 'all';
      relay.publishCommitted(commit(1));
      await settle();
      publisher.failing = new Set();

      relay.publishCommitted(commit(1, 1));
      await settle();
      expect(publisher.published).toEqual(['event-0']);

      await jest.advanceTimersByTimeAsync(4_000);
      expect(publisher.published).toEqual(['event-0', 'event-0', 'event-1']);
      expect(store.unpublished).toBe(0);
    });

    it('publishes and marks what was committed before stop() returns', async () => {
      relay.publishCommitted(commit(2));

      await relay.stop();

      expect(publisher.published).toEqual(['event-0', 'event-1']);
      expect(store.marks).toEqual([['event-0', 'event-1']]);
      relay.publishCommitted(commit(1, 2));
      await settle();
      expect(publisher.published).toEqual(['event-0', 'event-1']);
    });
  });

  it('purges published entries past the retention on its own interval', async () => {
    relay.start();

    await jest.advanceTimersByTimeAsync(120_000);

    expect(store.purges).toEqual([3_600_000, 3_600_000]);
  });

  it('counts published events, duplicates and the lag of the last batch', async () => {
    store.append(events(3));
    publisher.duplicates = new Set(['event-2']);
    await jest.advanceTimersByTimeAsync(250);

    relay.start();
    await settle();

    expect(relay.stats()).toEqual({
      published: 3,
      duplicates: 1,
      failed: 0,
      storeErrors: 0,
      purged: 0,
      lastLagMs: 250,
      backingOff: false,
    });
  });

  it('tells its observer of every event published or failed, with the lag since its append', async () => {
    const seen: string[] = [];
    relay = createRelay({
      observer: {
        published: (event, duplicate, lagMs) =>
          seen.push(`${event.id} published${duplicate ? ' (duplicate)' : ''} after ${lagMs} ms`),
        failed: (event) => seen.push(`${event.id} failed`),
      },
    });
    store.append(events(3));
    publisher.duplicates = new Set(['event-1']);
    publisher.failing = new Set(['event-2']);
    await jest.advanceTimersByTimeAsync(40);

    relay.start();
    await settle();

    expect(seen).toEqual([
      'event-0 published after 40 ms',
      'event-1 published (duplicate) after 40 ms',
      'event-2 failed',
    ]);
  });
});
