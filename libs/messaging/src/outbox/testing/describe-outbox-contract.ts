/// <reference types="jest" />
import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from 'nats';
import { LOCAL_URLS } from '@polyshop/config';
import { EventPublisher } from '../../publishing/event-publisher';
import type { OutgoingEvent } from '../../publishing/outgoing-event';
import { OutboxRelay } from '../outbox-relay';
import type { OutboxRelayOptions } from '../outbox-relay.options';
import type { OutboxStore } from '../outbox-store';
import { RecordingPublisher, TestStream, occurrences } from './outbox-test-kit';

const HOUR = 60 * 60_000;
const CLOCK_TOLERANCE_MS = 1_000;
const quietLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };
const fastRelay: Partial<OutboxRelayOptions> = {
  sweepIntervalMs: 100,
  retryBaseMs: 100,
  retryMaxMs: 500,
  leaseMs: 10_000,
};
/** Short enough to wait out; Redis applies the claimer's lease, so the relay uses it too. */
const DEAD_RELAY_LEASE_MS = 1_000;

/** What a rejected producer's unit of work and a failed handler's throw, in every harness. */
export const PRODUCER_REJECTED = 'business rule violated';
export const HANDLER_FAILED = 'handler crashed';

/** The words of the test names that differ between transactions and scripts. */
export interface ContractWording {
  /** e.g. `the transaction commits`, `the script runs`. */
  readonly succeeds: string;
  /** e.g. `the transaction rolls back`, `the script rejects`. */
  readonly fails: string;
  /** What a producer did to an event: `committed`, `appended`. */
  readonly written: string;
  /** e.g. `a handler that rolled back`, `a script that failed its checks`. */
  readonly failedHandler: string;
}

/** The wording of stores whose units of work are transactions (SQL, MongoDB). */
export const TRANSACTION_WORDING: ContractWording = {
  succeeds: 'the transaction commits',
  fails: 'the transaction rolls back',
  written: 'committed',
  failedHandler: 'a handler that rolled back',
};

/**
 * One store kind's side of the outbox and inbox contract: its throwaway database (or key
 * prefix), a producer's and a consumer's unit of work written the way a service writes them,
 * and read-backs of what is stored.
 */
export interface OutboxContractHarness {
  /** Names the suite: `<name> outbox and inbox`. */
  readonly name: string;
  readonly wording: ContractWording;
  /**
   * Whether entries come back (stored, claimed, published) in append order. MongoDB's entries
   * of one transaction share their timestamp, so they come back in any order.
   */
  readonly keepsAppendOrder: boolean;
  /** Before all tests: the throwaway database or key prefix, its schema and indexes. */
  setUp(): Promise<void>;
  /** Before each test: an empty outbox, so that nothing of an earlier test gets relayed. */
  reset(): Promise<void>;
  tearDown(): Promise<void>;
  /** The outbox store under test (the one of the current test). */
  store(): OutboxStore;
  /**
   * A producer's unit of work: the state change `thing` and `events`, atomically. With
   * `reject`, it fails with an error saying `PRODUCER_REJECTED` (after its writes, or at its
   * checks).
   */
  produce(
    events: readonly OutgoingEvent[],
    thing: string,
    outcome?: 'commit' | 'reject',
  ): Promise<void>;
  /** Whether the state change `thing` of `produce` exists. */
  hasThing(thing: string): Promise<boolean>;
  /** Which of `ids` are in the outbox, published or not. */
  stored(ids: readonly string[]): Promise<string[]>;
  /** Which of `ids` are in the outbox and not published yet. */
  unpublished(ids: readonly string[]): Promise<string[]>;
  /**
   * For stores that keep published entries until the purge: moves the publication of `ids`
   * `ms` back in time. Stores that delete them at once (Redis) test that themselves.
   */
  readonly publishedEntries?: { backdate(ids: readonly string[], ms: number): Promise<void> };
  readonly inbox: InboxContractHarness;
}

export interface InboxContractHarness {
  /**
   * A consumer's unit of work: the inbox record of `eventId` and, when it is new, the effect
   * (a counter incremented), atomically. With `fail`, it fails with an error saying
   * `HANDLER_FAILED` (after its writes, or at its checks).
   */
  handle(eventId: string, outcome?: 'commit' | 'fail'): Promise<'recorded' | 'duplicate'>;
  /** The counter the effects increment. */
  effects(): Promise<number>;
  /** How many inbox records `eventId` has. */
  records(eventId: string): Promise<number>;
  /** For inboxes purged by `InboxPurger`; expiring records test that themselves. */
  readonly retention?: {
    backdate(eventId: string, ms: number): Promise<void>;
    purge(retentionMs: number): Promise<number>;
  };
}

/**
 * The shared test helpers of `@polyshop/testing` (`waitFor`, `TcpProxy`): library code may not
 * import them, so the suites pass them in.
 */
export interface ContractHelpers {
  readonly waitFor: <T>(
    probe: () => Promise<T>,
    accept: (value: T) => boolean,
    options?: { timeoutMs?: number; description?: string },
  ) => Promise<T>;
  readonly TcpProxy: new (
    host: string,
    port: number,
  ) => { start(): Promise<number>; cut(): void; restore(): void; stop(): Promise<void> };
}

/** What a store's own tests get from the contract suite they run in. */
export interface OutboxSuite {
  /** The suite's throwaway JetStream stream. */
  readonly stream: () => TestStream;
  /** Starts a quiet, fast relay on the current store; stopped after the test. */
  readonly startRelay: (
    publisher?: RecordingPublisher,
    options?: Partial<OutboxRelayOptions>,
  ) => { relay: OutboxRelay; publisher: RecordingPublisher };
}

export interface OutboxContractOptions {
  harness: OutboxContractHarness;
  helpers: ContractHelpers;
  /** The store kind's own outbox tests, run in the suite's `outbox` block. */
  outboxTests?: (suite: OutboxSuite) => void;
  /** The store kind's own inbox tests, run in the suite's `inbox` block. */
  inboxTests?: (suite: OutboxSuite) => void;
}

/**
 * The outbox and inbox contract every store kind keeps, against its real store and the local
 * NATS: events are written with the state change or not at all, relayed once each (after a
 * kick, a crash, a dead relay's lease, a broker outage, with two replicas), purged after the
 * retention; a consumer applies each event once (twice delivered, concurrently, rolled back).
 */
export function describeOutboxContract({
  harness,
  helpers: { waitFor, TcpProxy },
  outboxTests,
  inboxTests,
}: OutboxContractOptions): void {
  const { wording } = harness;
  const article = /^[aeiou]/.test(wording.written) ? 'an' : 'a';

  describe(`${harness.name} outbox and inbox`, () => {
    let nats: NatsConnection;
    let stream: TestStream;
    const relays: OutboxRelay[] = [];

    beforeAll(async () => {
      await harness.setUp();
      nats = await connect({ servers: LOCAL_URLS.nats });
      stream = await TestStream.create(nats);
    });

    beforeEach(() => harness.reset());

    afterEach(async () => {
      await Promise.all(relays.splice(0).map((relay) => relay.stop()));
    });

    afterAll(async () => {
      await stream?.delete();
      await nats?.close();
      await harness.tearDown();
    });

    const suite: OutboxSuite = {
      stream: () => stream,
      startRelay: (publisher = new RecordingPublisher(new EventPublisher(nats)), options = {}) => {
        const relay = new OutboxRelay(harness.store(), publisher, {
          ...fastRelay,
          ...options,
          logger: quietLogger,
        });
        relays.push(relay);
        relay.start();
        return { relay, publisher };
      },
    };
    const { startRelay } = suite;

    /** A state change and its events in one unit of work, as a producer writes them. */
    const commitWithEvents = async (events: readonly OutgoingEvent[]) => {
      const thing = randomUUID();
      await harness.produce(events, thing);
      return thing;
    };
    const idsOf = (events: readonly OutgoingEvent[]) => events.map((e) => e.id);
    /** `ids` ready to compare: as they are where the store keeps append order, else sorted. */
    const asAppended = (ids: readonly string[]) =>
      harness.keepsAppendOrder ? [...ids] : [...ids].sort();
    const allPublished = (ids: readonly string[], timeoutMs?: number) =>
      waitFor(
        () => harness.unpublished(ids),
        (left) => left.length === 0,
        { description: 'every entry published', timeoutMs },
      );
    const streamIds = async () => (await stream.read()).map((message) => message.msgId);

    describe('outbox', () => {
      it(`stores the state change and its events together when ${wording.succeeds}`, async () => {
        const events = stream.events(3);
        const thing = await commitWithEvents(events);

        expect(await harness.hasThing(thing)).toBe(true);
        expect(asAppended(await harness.stored(idsOf(events)))).toEqual(asAppended(idsOf(events)));
        expect(asAppended(await harness.unpublished(idsOf(events)))).toEqual(
          asAppended(idsOf(events)),
        );
      });

      it(`stores neither the state change nor its events when ${wording.fails}`, async () => {
        const events = stream.events(2);
        const thing = randomUUID();
        await expect(harness.produce(events, thing, 'reject')).rejects.toThrow(PRODUCER_REJECTED);

        expect(await harness.hasThing(thing)).toBe(false);
        expect(await harness.stored(idsOf(events))).toEqual([]);
      });

      it(`publishes ${article} ${wording.written} event once, with its id as Nats-Msg-Id, right after the kick`, async () => {
        const { relay, publisher } = startRelay(undefined, { sweepIntervalMs: 60_000 });
        const before = await stream.count();
        const [event] = stream.events(1, { 'Polyshop-Correlation-Id': 'order-1' });
        await commitWithEvents([event]);
        relay.kick();

        await allPublished([event.id]);
        const stored = (await stream.read()).filter((message) => message.msgId === event.id);
        expect(stored).toEqual([
          {
            msgId: event.id,
            subject: event.subject,
            payload: event.payload,
            headers: expect.objectContaining({
              'Nats-Msg-Id': event.id,
              'Polyshop-Correlation-Id': 'order-1',
              'Polyshop-Event-Type': 'thing.happened.v1',
            }) as Record<string, string>,
          },
        ]);
        expect(await stream.count()).toBe(before + 1);
        expect(publisher.calls).toEqual([event.id]);
      });

      it(`publishes, from a relay started after a crash, events ${wording.written} but never relayed`, async () => {
        const events = stream.events(5);
        await commitWithEvents(events);
        expect(await harness.unpublished(idsOf(events))).toHaveLength(5);

        const { publisher } = startRelay();

        await allPublished(idsOf(events));
        const stored = occurrences(await streamIds());
        for (const event of events) expect(stored.get(event.id)).toBe(1);
        expect(asAppended(publisher.calls)).toEqual(asAppended(idsOf(events)));
      });

      it('takes over entries claimed by a relay that died before publishing them, once the lease expires', async () => {
        const events = stream.events(4);
        await commitWithEvents(events);
        const claimed = await harness.store().claim(100, 'relay-that-died', DEAD_RELAY_LEASE_MS);
        expect(asAppended(claimed.map((e) => e.id))).toEqual(asAppended(idsOf(events)));

        const { publisher } = startRelay(undefined, { leaseMs: DEAD_RELAY_LEASE_MS });
        expect(await harness.store().claim(100, 'another-relay', DEAD_RELAY_LEASE_MS)).toEqual([]);

        await allPublished(idsOf(events));
        const stored = occurrences(await streamIds());
        for (const event of events) expect(stored.get(event.id)).toBe(1);
        expect(asAppended(publisher.calls)).toEqual(asAppended(idsOf(events)));
      });

      it(`keeps events ${wording.written} while the broker is unreachable and publishes each once when it is back`, async () => {
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
          const ids = idsOf(events);
          await commitWithEvents(events.slice(0, 10));
          relay.kick();
          await commitWithEvents(events.slice(10));
          relay.kick();

          await waitFor(
            () => Promise.resolve(relay.stats().failed),
            (failed) => failed >= 20,
            { description: 'publishes failing during the outage' },
          );
          expect(asAppended(await harness.unpublished(ids))).toEqual(asAppended(ids));

          proxy.restore();
          await allPublished(ids, 30_000);
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
        const ids = idsOf(events);

        await Promise.all(
          Array.from({ length: 20 }, async (_, i) => {
            await commitWithEvents(events.slice(i * 100, (i + 1) * 100));
            first.relay.kick();
            second.relay.kick();
          }),
        );

        await allPublished(ids, 30_000);
        const calls = [...first.publisher.calls, ...second.publisher.calls];
        expect(calls).toHaveLength(2_000);
        expect(new Set(calls).size).toBe(2_000);
        expect(first.publisher.calls.length).toBeGreaterThan(0);
        expect(second.publisher.calls.length).toBeGreaterThan(0);
        const stored = occurrences(await streamIds());
        expect(ids.filter((id) => stored.get(id) !== 1)).toEqual([]);
      });

      it(`reports as backlog the events ${wording.written} and not published yet, since the oldest was appended`, async () => {
        expect(await harness.store().backlog()).toEqual({ count: 0, oldestAppendedAt: null });
        const before = Date.now();
        await commitWithEvents(stream.events(3));
        const after = Date.now();

        const backlog = await harness.store().backlog();
        expect(backlog.count).toBe(3);
        // The store's clock (database, Redis) may drift a little from the test's.
        expect(backlog.oldestAppendedAt).toBeGreaterThanOrEqual(before - CLOCK_TOLERANCE_MS);
        expect(backlog.oldestAppendedAt).toBeLessThanOrEqual(after + CLOCK_TOLERANCE_MS);

        startRelay();
        expect(
          await waitFor(
            () => harness.store().backlog(),
            (left) => left.count === 0,
            { description: 'an empty backlog once the relay published' },
          ),
        ).toEqual({ count: 0, oldestAppendedAt: null });
      });

      const { publishedEntries } = harness;
      if (publishedEntries) {
        it('purges entries published longer ago than the retention and keeps the rest', async () => {
          const { relay } = startRelay();
          const published = stream.events(3);
          await commitWithEvents(published);
          relay.kick();
          await allPublished(idsOf(published));
          await relay.stop();
          const [pending] = stream.events(1);
          await commitWithEvents([pending]);
          const aged = idsOf(published.slice(0, 2));
          await publishedEntries.backdate(aged, 2 * HOUR);

          expect(await harness.store().purgePublished(HOUR)).toBe(2);

          expect(await harness.stored(aged)).toEqual([]);
          const kept = [published[2].id, pending.id];
          expect(asAppended(await harness.stored(kept))).toEqual(asAppended(kept));
        });
      }

      outboxTests?.(suite);
    });

    describe('inbox', () => {
      const { inbox } = harness;

      it('applies the effect once when the same event is delivered twice', async () => {
        const before = await inbox.effects();
        const eventId = randomUUID();

        expect(await inbox.handle(eventId)).toBe('recorded');
        expect(await inbox.handle(eventId)).toBe('duplicate');

        expect(await inbox.effects()).toBe(before + 1);
        expect(await inbox.records(eventId)).toBe(1);
      });

      it('applies the effect once when two deliveries of an event are handled concurrently', async () => {
        const before = await inbox.effects();
        const eventId = randomUUID();

        const results = await Promise.all([inbox.handle(eventId), inbox.handle(eventId)]);

        expect(results.sort()).toEqual(['duplicate', 'recorded']);
        expect(await inbox.effects()).toBe(before + 1);
        expect(await inbox.records(eventId)).toBe(1);
      });

      it(`keeps no record of ${wording.failedHandler}, so the redelivery applies the effect`, async () => {
        const before = await inbox.effects();
        const eventId = randomUUID();

        await expect(inbox.handle(eventId, 'fail')).rejects.toThrow(HANDLER_FAILED);
        expect(await inbox.records(eventId)).toBe(0);
        expect(await inbox.effects()).toBe(before);

        expect(await inbox.handle(eventId)).toBe('recorded');
        expect(await inbox.effects()).toBe(before + 1);
      });

      const { retention } = inbox;
      if (retention) {
        it('purges records older than the retention and keeps the recent ones', async () => {
          const old = randomUUID();
          const recent = randomUUID();
          await inbox.handle(old);
          await inbox.handle(recent);
          await retention.backdate(old, 8 * 24 * HOUR);

          expect(await retention.purge(7 * 24 * HOUR)).toBe(1);

          expect(await inbox.records(old)).toBe(0);
          expect(await inbox.records(recent)).toBe(1);
        });
      }

      inboxTests?.(suite);
    });
  });
}
