import { EVENTS, isEventSubject, type EventSubject } from '../events/event-map';
import {
  describeProblems,
  isJsonObject,
  validatePlain,
  type FieldProblem,
} from '../validation/validate-plain';
import { EnvelopeDto, type AnyEventEnvelope, type EventEnvelope } from './envelope';

/** Why a message could not be turned into an envelope; each is a dead-letter reason too. */
export const PARSE_FAILURE_REASONS = [
  'BAD_JSON',
  'UNKNOWN_SUBJECT',
  'UNKNOWN_VERSION',
  'INVALID_ENVELOPE',
  'INVALID_DATA',
] as const;
export type ParseFailureReason = (typeof PARSE_FAILURE_REASONS)[number];

/** A parse failure: the reason and a detail naming the failing fields. */
export interface ParseFailure {
  readonly ok: false;
  readonly reason: ParseFailureReason;
  readonly detail: string;
}

/** Outcome of `parseEnvelope`. */
export type ParseResult<E> = { readonly ok: true; readonly envelope: E } | ParseFailure;

const fail = (reason: ParseFailureReason, detail: string): ParseFailure => ({
  ok: false,
  reason,
  detail,
});

const KNOWN_TYPES = new Set<string>(Object.values(EVENTS).map((event) => event.type));

function versionsOf(type: string): string {
  return Object.values(EVENTS)
    .filter((event) => event.type === type)
    .map((event) => `v${event.version}`)
    .join(', ');
}

function unknownSubject(subject: string): ParseFailure {
  const match = /^(.+)\.v(\d+)$/.exec(subject);
  if (match && KNOWN_TYPES.has(match[1])) {
    return fail(
      'UNKNOWN_VERSION',
      `subject: ${subject} is not a known version of ${match[1]} (known: ${versionsOf(match[1])})`,
    );
  }
  return fail('UNKNOWN_SUBJECT', `subject: ${subject} is not in the event map`);
}

function decode(json: unknown): { ok: true; value: unknown } | ParseFailure {
  try {
    if (typeof json === 'string') return { ok: true, value: JSON.parse(json) };
    if (json instanceof Uint8Array) {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(json);
      return { ok: true, value: JSON.parse(text) };
    }
  } catch (error) {
    return fail('BAD_JSON', `body: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { ok: true, value: json };
}

function headerMismatch(subject: EventSubject, envelope: EnvelopeDto): ParseFailure | null {
  const expected = EVENTS[subject];
  if (envelope.type !== expected.type) {
    return fail('INVALID_ENVELOPE', `type: ${envelope.type} does not match subject ${subject}`);
  }
  if (envelope.version !== expected.version) {
    return fail(
      'UNKNOWN_VERSION',
      `version: ${envelope.version} does not match subject ${subject} (expects ${expected.version})`,
    );
  }
  if (envelope.producer !== expected.producer) {
    return fail(
      'INVALID_ENVELOPE',
      `producer: ${envelope.producer} does not produce ${subject} (expects ${expected.producer})`,
    );
  }
  return null;
}

const invalid = (reason: ParseFailureReason, problems: readonly FieldProblem[]): ParseFailure =>
  fail(reason, describeProblems(problems));

/**
 * Turns a message received on `subject` into a typed, validated envelope, or says why it cannot.
 * `json` is the raw body (`string` or `Uint8Array`) or an already parsed value. Pure: it never
 * throws, whatever the input. Unknown fields are rejected, in the envelope and in `data`.
 */
export function parseEnvelope<S extends EventSubject>(
  subject: S,
  json: unknown,
): ParseResult<EventEnvelope<S>>;
export function parseEnvelope(subject: string, json: unknown): ParseResult<AnyEventEnvelope>;
export function parseEnvelope(subject: string, json: unknown): ParseResult<AnyEventEnvelope> {
  if (!isEventSubject(subject)) return unknownSubject(subject);
  const decoded = decode(json);
  if (!decoded.ok) return decoded;
  if (!isJsonObject(decoded.value)) {
    return fail('INVALID_ENVELOPE', 'envelope: must be a JSON object');
  }

  const envelope = validatePlain(EnvelopeDto, decoded.value);
  if (!envelope.ok) return invalid('INVALID_ENVELOPE', envelope.problems);
  const mismatch = headerMismatch(subject, envelope.value);
  if (mismatch) return mismatch;

  const data = validatePlain<object>(EVENTS[subject].dataClass, envelope.value.data, 'data');
  if (!data.ok) return invalid('INVALID_DATA', data.problems);

  const { id, type, version, occurredAt, correlationId, causationId, producer } = envelope.value;
  return {
    ok: true,
    envelope: {
      id,
      type,
      version,
      occurredAt,
      correlationId,
      causationId,
      producer,
      data: data.value,
    } as AnyEventEnvelope,
  };
}
