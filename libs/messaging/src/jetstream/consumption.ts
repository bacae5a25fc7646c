import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger } from '@nestjs/common';
import type {
  ConsumptionOutcome,
  DeadLetterReason,
  EventEnvelope,
  EventSubject,
  ServiceName,
} from '@polyshop/contracts';
import { errorMessage } from '@polyshop/service-runtime';

/** One delivery of one message to one durable consumer, as the JetStream transport settled it. */
export interface Consumption {
  readonly service: ServiceName;
  /** Subject the message was published on. */
  readonly subject: string;
  readonly durable: string;
  /** Delivery attempt, from 1. */
  readonly attempt: number;
  /**
   * `PROCESSED`: handled and acked; `DUPLICATE`: an inbox found it applied already (acked, no
   * effect); `RETRIED`: the handler failed, redelivery after a backoff; `DEAD_LETTERED`: poison
   * or retries exhausted, moved to the dead-letter stream.
   */
  readonly outcome: ConsumptionOutcome;
  /** The parsed envelope; absent when the message could not be parsed (poison). */
  readonly envelope?: EventEnvelope<EventSubject>;
  /** `DEAD_LETTERED`: why. */
  readonly reason?: DeadLetterReason;
  /** `RETRIED`, `DEAD_LETTERED`: what went wrong. */
  readonly detail?: string;
  /** `DEAD_LETTERED`: its sequence in the dead-letter stream (what a replay takes). */
  readonly deadLetterSequence?: number;
  /** Time in the handler (0 when it never ran). */
  readonly durationMs: number;
}

/**
 * Told of every settled delivery (metrics, the saga journal). Called synchronously on the
 * consumer's path: do little, and start any I/O without awaiting it on that path.
 */
export interface ConsumptionObserver {
  observe(consumption: Consumption): void;
}

/** The observers of this process's consumptions; providers add themselves at construction. */
@Injectable()
export class ConsumptionObservers {
  private readonly logger = new Logger(ConsumptionObservers.name);
  private readonly observers: ConsumptionObserver[] = [];

  add(observer: ConsumptionObserver): void {
    this.observers.push(observer);
  }

  /** Tells every observer; one that throws is logged and never fails the consumer. */
  notify(consumption: Consumption): void {
    for (const observer of this.observers) {
      try {
        observer.observe(consumption);
      } catch (error) {
        this.logger.error(`consumption observer failed: ${errorMessage(error)}`);
      }
    }
  }
}

interface DeliveryState {
  duplicate: boolean;
}

const delivery = new AsyncLocalStorage<DeliveryState>();

/** Runs a handler for one delivery, saying afterwards whether an inbox found it a duplicate. */
export async function trackDelivery(work: () => Promise<unknown>): Promise<{ duplicate: boolean }> {
  const state: DeliveryState = { duplicate: false };
  await delivery.run(state, work);
  return state;
}

/** Marks the delivery being handled (if any) as a duplicate an inbox acknowledged. */
export function markDeliveryDuplicate(): void {
  const state = delivery.getStore();
  if (state) state.duplicate = true;
}
