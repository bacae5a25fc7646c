import { createEnvelope, type EventData, type EventSubject } from '@polyshop/contracts';
import { currentMessageContext } from '@polyshop/observability';
import { HEADERS } from './headers';
import type { OutgoingEvent } from './outgoing-event';

export interface OutgoingEventOptions {
  /** Needed at the root of a flow (e.g. the order id when an order is placed); else inherited. */
  correlationId?: string;
  occurredAt?: Date;
}

/**
 * Builds the envelope of an event to append to an outbox. Correlation, causation and trace
 * context are taken from the event or request being handled (see `runInMessageContext`), so a
 * handler never threads them by hand; a root event names its correlation id.
 */
export function createOutgoingEvent<S extends EventSubject>(
  subject: S,
  data: EventData<S>,
  options: OutgoingEventOptions = {},
): OutgoingEvent {
  const context = currentMessageContext();
  const correlationId = options.correlationId ?? context?.correlationId;
  if (correlationId === undefined) {
    throw new Error(`${subject}: no correlation id given and no message being handled`);
  }
  const envelope = createEnvelope(subject, data, {
    correlationId,
    causationId: context?.causationId ?? null,
    occurredAt: options.occurredAt,
  });
  const headers: Record<string, string> = {
    [HEADERS.correlationId]: envelope.correlationId,
    [HEADERS.eventType]: `${envelope.type}.v${envelope.version}`,
    [HEADERS.producer]: envelope.producer,
  };
  if (envelope.causationId !== null) headers[HEADERS.causationId] = envelope.causationId;
  if (context?.traceparent) headers[HEADERS.traceparent] = context.traceparent;
  return { id: envelope.id, subject, payload: JSON.stringify(envelope), headers };
}
