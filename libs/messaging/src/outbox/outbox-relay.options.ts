import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { OutgoingEvent } from '../publishing/outgoing-event';

/** Where the relay reports what goes wrong; Nest's `Logger` satisfies it. */
export interface RelayLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Told how each claimed event fared, as the broker answered (metrics). */
export interface RelayObserver {
  /** The broker stored the event (`duplicate`: it had it already) `lagMs` after its append. */
  published(event: OutgoingEvent, duplicate: boolean, lagMs: number): void;
  /** Publishing the event failed; it is released for a retry. */
  failed(event: OutgoingEvent): void;
}

/** Observes nothing: the relay's default. */
export const NO_RELAY_OBSERVER: RelayObserver = {
  published: () => undefined,
  failed: () => undefined,
};

export interface OutboxRelayOptions {
  /** Names this replica in leases; unique per process (default: host, pid and a random tag). */
  owner: string;
  /** Entries claimed and published per pipelined batch. */
  batchSize: number;
  /** Batches on the wire at once while draining (the next claim overlaps the current publish). */
  maxBatchesInFlight: number;
  /**
   * How long a claimed batch is reserved. Longer than a batch can take (publish timeout
   * included), shorter than the stream's duplicate window, so that a batch taken over after a
   * crash is deduplicated by `Nats-Msg-Id`.
   */
  leaseMs: number;
  /**
   * The lease a producer puts on the entries it appends for `publishCommitted` (the fast path):
   * no sweeper claims them meanwhile, so they are published once. Longer than a publish and
   * its mark take; a crash delays their publication by at most this much.
   */
  appendLeaseMs: number;
  /**
   * How long the fast path gathers published entries before marking them in one statement.
   * Their lease keeps them from being republished meanwhile.
   */
  markDelayMs: number;
  /** Period of the sweeper that publishes whatever no kick did (crash after commit, outage). */
  sweepIntervalMs: number;
  /** First retry delay after a failed batch; doubles on each further failure. */
  retryBaseMs: number;
  /** Upper bound of the retry delay. */
  retryMaxMs: number;
  /** Published entries are kept this long (for inspection), then purged. */
  retentionMs: number;
  /** Period of the purge of published entries. */
  purgeIntervalMs: number;
}

export const DEFAULT_OUTBOX_RELAY_OPTIONS: Omit<OutboxRelayOptions, 'owner'> = {
  batchSize: 500,
  maxBatchesInFlight: 2,
  leaseMs: 15_000,
  appendLeaseMs: 3_000,
  markDelayMs: 50,
  sweepIntervalMs: 500,
  retryBaseMs: 500,
  retryMaxMs: 10_000,
  retentionMs: 60 * 60_000,
  purgeIntervalMs: 60_000,
};

/** The lease the fast path's producers put on the entries they append. */
export interface AppendLease {
  readonly owner: string;
  readonly leaseMs: number;
}

/** A lease owner name unique to this process and relay. */
export function defaultRelayOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/** Exponential backoff: `base` after the first failure, doubling, capped at `max`. */
export function retryDelay(failures: number, baseMs: number, maxMs: number): number {
  if (failures <= 0) return 0;
  return Math.min(maxMs, baseMs * 2 ** Math.min(failures - 1, 30));
}
