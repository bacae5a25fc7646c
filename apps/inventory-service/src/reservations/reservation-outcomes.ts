import {
  STOCK_RESERVATION_FAILURE_REASONS,
  type StockReservationFailureReason,
} from '@polyshop/contracts';
import { RESERVATION_STATES, type ReservationState } from './reservation';

/** A product that could not be reserved, as the failure event lists it. */
export interface Shortage {
  readonly productId: string;
  readonly requested: number;
  readonly available: number;
}

/** What `RESERVE_SCRIPT` did. */
export type ReserveOutcome =
  | { readonly kind: 'reserved' }
  | {
      readonly kind: 'rejected';
      readonly reason: StockReservationFailureReason;
      readonly shortages: readonly Shortage[];
    }
  /** The order already had a record (reserved, rejected or cancelled): nothing done. */
  | { readonly kind: 'skipped'; readonly state: ReservationState }
  | { readonly kind: 'duplicate' };

/** What `COMMIT_SCRIPT` or `RELEASE_SCRIPT` did. */
export type SettleOutcome =
  | { readonly kind: 'committed' }
  | { readonly kind: 'released' }
  | { readonly kind: 'tombstoned' }
  /**
   * Nothing to settle: released or committed before (a release other than the order's
   * cancellation), rejected, cancelled, or never seen (`null`).
   */
  | { readonly kind: 'not-held'; readonly state: ReservationState | null }
  | { readonly kind: 'not-due' }
  | { readonly kind: 'duplicate' }
  /** The record changed between the read and the script: read it again. */
  | { readonly kind: 'stale' }
  /**
   * A stock hash holds less than the reservation in the counter its items leave (reserved, or
   * sold when a committed reservation is released): nothing was written.
   */
  | { readonly kind: 'inconsistent'; readonly stockKey: string };

function replyFields(script: string, reply: unknown): string[] {
  if (!Array.isArray(reply) || reply.length === 0 || !reply.every((f) => typeof f === 'string')) {
    throw new Error(`${script} script replied ${JSON.stringify(reply)}`);
  }
  return reply;
}

function stateOf(script: string, value: string | undefined): ReservationState {
  const state = RESERVATION_STATES.find((known) => known === value);
  if (state === undefined) throw new Error(`${script} script replied state ${value}`);
  return state;
}

/** Reads `RESERVE_SCRIPT`'s reply. */
export function parseReserveReply(reply: unknown): ReserveOutcome {
  const [kind, ...rest] = replyFields('reserve', reply);
  switch (kind) {
    case 'reserved':
    case 'duplicate':
      return { kind };
    case 'skipped':
      return { kind, state: stateOf('reserve', rest[0]) };
    case 'rejected': {
      const reason = STOCK_RESERVATION_FAILURE_REASONS.find((known) => known === rest[0]);
      if (reason === undefined) throw new Error(`reserve script replied reason ${rest[0]}`);
      return { kind, reason, shortages: JSON.parse(rest[1] ?? '[]') as Shortage[] };
    }
    default:
      throw new Error(`reserve script replied ${kind}`);
  }
}

/** Reads `COMMIT_SCRIPT`'s or `RELEASE_SCRIPT`'s reply. */
export function parseSettleReply(script: string, reply: unknown): SettleOutcome {
  const [kind, ...rest] = replyFields(script, reply);
  switch (kind) {
    case 'committed':
    case 'released':
    case 'tombstoned':
    case 'not-due':
    case 'duplicate':
    case 'stale':
      return { kind };
    case 'not-held':
      return { kind, state: rest[0] ? stateOf(script, rest[0]) : null };
    case 'inconsistent':
      return { kind, stockKey: rest[0] ?? '' };
    default:
      throw new Error(`${script} script replied ${kind}`);
  }
}
