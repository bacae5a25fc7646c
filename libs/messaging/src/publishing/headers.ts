import { TRACEPARENT_HEADER } from '@polyshop/observability';

/** Header names Polyshop puts on every JetStream message, beside `Nats-Msg-Id`. */
export const HEADERS = {
  correlationId: 'Polyshop-Correlation-Id',
  causationId: 'Polyshop-Causation-Id',
  eventType: 'Polyshop-Event-Type',
  producer: 'Polyshop-Producer',
  /** W3C trace context (https://www.w3.org/TR/trace-context/). */
  traceparent: TRACEPARENT_HEADER,
  /** On dead letters: why, where from and how many attempts. */
  deadLetterReason: 'Polyshop-Dead-Letter-Reason',
  deadLetterDetail: 'Polyshop-Dead-Letter-Detail',
  deadLetterConsumer: 'Polyshop-Dead-Letter-Consumer',
  deadLetterSubject: 'Polyshop-Dead-Letter-Subject',
  deadLetterAttempts: 'Polyshop-Dead-Letter-Attempts',
} as const;
