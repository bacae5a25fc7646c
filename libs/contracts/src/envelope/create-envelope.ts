import { randomUUID } from 'node:crypto';
import { EVENTS, isEventSubject, type EventData, type EventSubject } from '../events/event-map';
import type { EventEnvelope } from './envelope';

/** The envelope fields a producer decides; the rest comes from the subject. */
export interface EnvelopeMeta {
  /** Event id; a fresh UUID unless given (e.g. an outbox row that already has one). */
  readonly id?: string;
  /** The order id for saga events; otherwise the id of the request or flow that started it. */
  readonly correlationId: string;
  /** Id of the event or request that caused this one; `null` for a root. */
  readonly causationId: string | null;
  /** When the state change happened; now unless given. Stored as ISO-8601 UTC. */
  readonly occurredAt?: Date | string;
}

/**
 * Builds the envelope of a `subject` event, filling `type`, `version` and `producer` from the
 * event map. It does not validate `data` (the compiler checks its shape); pass the result through
 * `parseEnvelope` to check the values too. Throws for a subject outside the event map (only
 * reachable from untyped code) and `RangeError` for an invalid `occurredAt`.
 */
export function createEnvelope<S extends EventSubject>(
  subject: S,
  data: EventData<S>,
  meta: EnvelopeMeta,
): EventEnvelope<S> {
  if (!isEventSubject(subject)) throw new Error(`Unknown event subject: ${String(subject)}`);
  const { type, version, producer } = EVENTS[subject];
  return {
    id: meta.id ?? randomUUID(),
    type,
    version,
    occurredAt: new Date(meta.occurredAt ?? Date.now()).toISOString(),
    correlationId: meta.correlationId,
    causationId: meta.causationId,
    producer,
    data,
  };
}
