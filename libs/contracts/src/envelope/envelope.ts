import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import type {
  EventData,
  EventProducer,
  EventSubject,
  EventType,
  EventVersion,
} from '../events/event-map';
import { PRODUCERS, type Producer } from '../services';
import { IsUtcTimestamp } from '../validation/field-decorators';

/** Longest correlation or causation id accepted (request ids come from outside). */
export const MAX_TRACE_ID_LENGTH = 128;

/**
 * Every event message on the wire. `data` is typed by the subject, so a publisher and a handler of
 * the same subject agree on it at compile time.
 */
export interface EventEnvelope<S extends EventSubject> {
  /** UUID of this event; also the JetStream `Nats-Msg-Id`, so a republish is deduplicated. */
  readonly id: string;
  /** Event name without version, e.g. `order.placed`. */
  readonly type: EventType<S>;
  /** Schema version of `data`, the `N` of the subject's `.vN`. */
  readonly version: EventVersion<S>;
  /** When the state change happened, ISO-8601 UTC. */
  readonly occurredAt: string;
  /** The order id for saga events; otherwise the id of the request or flow that started it. */
  readonly correlationId: string;
  /** Id of the event or request that caused this one; `null` for a root (e.g. a timeout). */
  readonly causationId: string | null;
  readonly producer: EventProducer<S>;
  readonly data: EventData<S>;
}

/** An envelope of any subject, discriminated by `type` and `version`. */
export type AnyEventEnvelope = { [S in EventSubject]: EventEnvelope<S> }[EventSubject];

/** A handler of one subject's envelopes. */
export type EventHandler<S extends EventSubject> = (
  envelope: EventEnvelope<S>,
) => void | Promise<void>;

/**
 * class-validator schema of the envelope's own fields. `data` is only checked to be an object
 * here; it is validated with the subject's data class.
 */
export class EnvelopeDto {
  @IsUUID()
  id!: string;

  @Matches(/^[a-z]+\.[a-z]+(?:-[a-z]+)*$/, { message: '$property must be <producer>.<event>' })
  type!: string;

  @IsInt()
  @Min(1)
  version!: number;

  @IsUtcTimestamp()
  occurredAt!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TRACE_ID_LENGTH)
  correlationId!: string;

  /** Required, but may be `null`. */
  @ValidateIf((envelope: EnvelopeDto) => envelope.causationId !== null)
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_TRACE_ID_LENGTH)
  causationId!: string | null;

  @IsIn(PRODUCERS)
  producer!: Producer;

  @IsObject()
  data!: Record<string, unknown>;
}
