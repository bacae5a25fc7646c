import type { MessageContext } from '../context/message-context';

/** The message-context fields every log line made while handling an event or request carries. */
export interface LogContextFields {
  correlationId?: string;
  causationId?: string;
  eventType?: string;
  /** The trace id of the W3C `traceparent`, to find the line's trace. */
  traceId?: string;
}

/** The fields of `context` worth a log line; none outside an event or request. */
export function logContextFields(context: MessageContext | undefined): LogContextFields {
  if (!context) return {};
  const fields: LogContextFields = { correlationId: context.correlationId };
  if (context.causationId !== null) fields.causationId = context.causationId;
  if (context.eventType !== undefined) fields.eventType = context.eventType;
  const traceId = context.traceparent?.split('-')[1];
  if (traceId !== undefined) fields.traceId = traceId;
  return fields;
}
