import type { ConsumptionOutcome, DeadLetterReason } from '@polyshop/contracts';
import {
  currentMessageContext,
  startHopSpan,
  type HopSpan,
  TRACEPARENT_HEADER,
} from '@polyshop/observability';
import { headers as natsHeaders, type MsgHdrs } from 'nats';
import { HEADERS } from '../publishing/headers';
import type { OutgoingEvent } from '../publishing/outgoing-event';

/**
 * Span attributes: OpenTelemetry's messaging and RPC conventions (written out, since the
 * package only exports the incubating ones from an unstable entry point), plus Polyshop's own.
 */
export const SPAN_ATTRIBUTES = {
  messagingSystem: 'messaging.system',
  destination: 'messaging.destination.name',
  operationType: 'messaging.operation.type',
  messageId: 'messaging.message.id',
  conversationId: 'messaging.message.conversation_id',
  consumerGroup: 'messaging.consumer.group.name',
  rpcSystem: 'rpc.system',
  rpcMethod: 'rpc.method',
  attempt: 'polyshop.delivery.attempt',
  outcome: 'polyshop.consumption.outcome',
  deadLetterReason: 'polyshop.dead_letter.reason',
  errorCode: 'polyshop.error.code',
} as const;

const NATS = 'nats';

/**
 * Makes one core-NATS request of `pattern` as a CLIENT span (when tracing is on), sending the
 * current correlation id and the span's trace context (else the message context's) to the
 * service. `send` makes the request with the given headers.
 */
export async function requestInContext<T>(
  pattern: string,
  send: (headers: MsgHdrs | undefined) => Promise<T>,
): Promise<T> {
  const context = currentMessageContext();
  const span = startHopSpan(pattern, 'client', {
    parent: context?.traceparent,
    attributes: { [SPAN_ATTRIBUTES.rpcSystem]: NATS, [SPAN_ATTRIBUTES.rpcMethod]: pattern },
  });
  let headers: MsgHdrs | undefined;
  if (context) {
    headers = natsHeaders();
    headers.set(HEADERS.correlationId, context.correlationId);
    const traceparent = span?.traceparent ?? context.traceparent;
    if (traceparent) headers.set(HEADERS.traceparent, traceparent);
  }
  try {
    return await send(headers);
  } catch (error) {
    span?.fail(error);
    throw error;
  } finally {
    span?.end();
  }
}

/**
 * Starts the PRODUCER span of one publish of `event`, child of the span that created the event
 * (the traceparent stored with it), and returns it with the headers to send: the stored ones,
 * with the span's own trace context.
 */
export function startPublishSpan(event: OutgoingEvent): {
  span: HopSpan | undefined;
  headers: Readonly<Record<string, string>>;
} {
  const span = startHopSpan(`send ${event.subject}`, 'producer', {
    parent: event.headers[TRACEPARENT_HEADER],
    attributes: {
      [SPAN_ATTRIBUTES.messagingSystem]: NATS,
      [SPAN_ATTRIBUTES.operationType]: 'send',
      [SPAN_ATTRIBUTES.destination]: event.subject,
      [SPAN_ATTRIBUTES.messageId]: event.id,
      [SPAN_ATTRIBUTES.conversationId]: event.headers[HEADERS.correlationId],
    },
  });
  return {
    span,
    headers: span ? { ...event.headers, [HEADERS.traceparent]: span.traceparent } : event.headers,
  };
}

/** Starts the CONSUMER span of one JetStream delivery, child of the message's trace context. */
export function startConsumeSpan(delivery: {
  subject: string;
  durable: string;
  attempt: number;
  traceparent: string | undefined;
}): HopSpan | undefined {
  return startHopSpan(`process ${delivery.subject}`, 'consumer', {
    parent: delivery.traceparent,
    attributes: {
      [SPAN_ATTRIBUTES.messagingSystem]: NATS,
      [SPAN_ATTRIBUTES.operationType]: 'process',
      [SPAN_ATTRIBUTES.destination]: delivery.subject,
      [SPAN_ATTRIBUTES.consumerGroup]: delivery.durable,
      [SPAN_ATTRIBUTES.attempt]: delivery.attempt,
    },
  });
}

/**
 * Ends a CONSUMER span with how the delivery was settled; a retry or a dead letter is an
 * error (a duplicate is not: the inbox did its job).
 */
export function endConsumeSpan(
  span: HopSpan | undefined,
  settled: {
    outcome: ConsumptionOutcome;
    envelope?: { id: string; correlationId: string };
    reason?: DeadLetterReason;
    detail?: string;
  },
): void {
  if (span === undefined) return;
  const { outcome, envelope, reason, detail } = settled;
  span.setAttribute(SPAN_ATTRIBUTES.outcome, outcome);
  if (envelope !== undefined) {
    span.setAttribute(SPAN_ATTRIBUTES.messageId, envelope.id);
    span.setAttribute(SPAN_ATTRIBUTES.conversationId, envelope.correlationId);
  }
  if (reason !== undefined) span.setAttribute(SPAN_ATTRIBUTES.deadLetterReason, reason);
  if (outcome === 'RETRIED' || outcome === 'DEAD_LETTERED') span.fail(detail ?? reason ?? outcome);
  span.end();
}
