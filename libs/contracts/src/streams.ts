import { PARSE_FAILURE_REASONS } from './envelope/parse-envelope';
import type { EventSubject } from './events/event-map';
import { isServiceName, type Producer, type ServiceName } from './services';

/** A JetStream stream as plain data; `@polyshop/messaging` turns it into a stream config. */
export interface StreamDefinition {
  readonly name: string;
  readonly subjects: readonly string[];
  readonly description: string;
}

/** One stream per producer, plus the dead letters of every consumer. */
export const STREAMS = {
  ORDER: {
    name: 'ORDER',
    subjects: ['order.>'],
    description: 'Events of order-service: orders placed, confirmed, cancelled',
  },
  INVENTORY: {
    name: 'INVENTORY',
    subjects: ['inventory.>'],
    description: 'Events of inventory-service: stock reserved, reservation failed, released',
  },
  PAYMENT: {
    name: 'PAYMENT',
    subjects: ['payment.>'],
    description: 'Events of payment-service: payments succeeded, failed, refunded',
  },
  PRODUCT: {
    name: 'PRODUCT',
    subjects: ['product.>'],
    description: 'Events of product-service: products created, prices changed',
  },
  USER: {
    name: 'USER',
    subjects: ['user.>'],
    description: 'Events of user-service: users registered',
  },
  DEAD_LETTERS: {
    name: 'DEAD_LETTERS',
    subjects: ['dlq.>'],
    description:
      'Messages a consumer could not handle, as dlq.<consumer-service>.<original subject>, ' +
      'kept for listing and replay',
  },
} as const satisfies Record<string, StreamDefinition>;

export type StreamName = keyof typeof STREAMS;

/** The stream a producer publishes to: its name in capitals. */
export function streamOf(producer: Producer): StreamName {
  return producer.toUpperCase() as Uppercase<Producer>;
}

/**
 * Durable consumer name of `consumer` for `subject`: `<consumer>-<event>-v<N>`, with the
 * `-service` suffix dropped and no dots, e.g. `inventory-order-placed-v1`.
 */
export function durableName(consumer: ServiceName, subject: EventSubject): string {
  return `${consumer.replace(/-service$/, '')}-${subject.replace(/\./g, '-')}`;
}

/** Subject a dead letter is republished on: `dlq.<consumer-service>.<original subject>`. */
export function deadLetterSubject(consumer: ServiceName, originalSubject: string): string {
  return `dlq.${consumer}.${originalSubject}`;
}

/** Splits a dead-letter subject into its consumer and original subject; `null` if it is none. */
export function parseDeadLetterSubject(
  subject: string,
): { consumer: ServiceName; originalSubject: string } | null {
  const match = /^dlq\.([^.]+)\.(.+)$/.exec(subject);
  if (!match || !isServiceName(match[1])) return null;
  return { consumer: match[1], originalSubject: match[2] };
}

/**
 * Why a message was dead-lettered: it could not be parsed (see `parseEnvelope`), or its handler
 * kept failing until `MaxDeliver` was reached.
 */
export const DEAD_LETTER_REASONS = [...PARSE_FAILURE_REASONS, 'RETRIES_EXHAUSTED'] as const;
export type DeadLetterReason = (typeof DEAD_LETTER_REASONS)[number];
