import type { ServiceName } from '@polyshop/contracts';

/** How one service consumes events from JetStream. */
export interface JetStreamConsumerOptions {
  /** The consuming app, e.g. `inventory-service`: names durables and dead-letter subjects. */
  service: ServiceName;
  /** Redelivery after this long without an ack (the handler is kept alive with in-progress acks). */
  ackWaitMs: number;
  /** Attempts before a failing message is dead-lettered. */
  maxAttempts: number;
  /** Messages handled at once per consumer. */
  concurrency: number;
  /** First retry delay; doubles per attempt up to `maxRetryDelayMs`. */
  retryBaseDelayMs: number;
  maxRetryDelayMs: number;
}

export const DEFAULT_CONSUMER_OPTIONS: Omit<JetStreamConsumerOptions, 'service'> = {
  ackWaitMs: 30_000,
  maxAttempts: 5,
  concurrency: 16,
  retryBaseDelayMs: 250,
  maxRetryDelayMs: 30_000,
};

/**
 * Delay before redelivering a message whose attempt `attempt` (1-based) failed: exponential,
 * capped. A plain `nak()` would redeliver at once and spin on a failing dependency.
 */
export function retryDelayMs(
  attempt: number,
  {
    retryBaseDelayMs,
    maxRetryDelayMs,
  }: Pick<JetStreamConsumerOptions, 'retryBaseDelayMs' | 'maxRetryDelayMs'>,
): number {
  return Math.min(retryBaseDelayMs * 2 ** Math.max(0, attempt - 1), maxRetryDelayMs);
}
