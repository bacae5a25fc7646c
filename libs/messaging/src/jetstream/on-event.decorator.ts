import { EventPattern } from '@nestjs/microservices';
import type { EventSubject } from '@polyshop/contracts';

/** Identifies the JetStream transport, so that core-NATS RPC never subscribes to event subjects. */
export const JETSTREAM_TRANSPORT = Symbol('JETSTREAM_TRANSPORT');

/**
 * Declares a durable JetStream handler of one event subject. The payload is the validated
 * `data` of the envelope; `@Ctx()` gives a `JetStreamContext`. The message is acked when the
 * handler's promise resolves (after its local commit), retried with backoff when it rejects.
 */
export function OnEvent(subject: EventSubject): MethodDecorator {
  return EventPattern(subject, JETSTREAM_TRANSPORT);
}
