import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What travels from an incoming event or request to everything published while handling it:
 * the saga's correlation id, the id of the cause, and the W3C trace context.
 */
export interface MessageContext {
  readonly correlationId: string;
  /** Id of the event or request being handled; `null` at the root of a flow. */
  readonly causationId: string | null;
  readonly traceparent?: string;
  /** Subject of the event being handled; absent outside event handlers. */
  readonly eventType?: string;
}

const storage = new AsyncLocalStorage<MessageContext>();

/** Runs `work` with `context` as the current message context (for everything it awaits too). */
export function runInMessageContext<T>(context: MessageContext, work: () => T): T {
  return storage.run(context, work);
}

/**
 * Makes `context` current for the rest of this asynchronous flow. For the entry points where
 * Nest calls the handler after we return (interceptors), where `run` cannot wrap the call.
 */
export function enterMessageContext(context: MessageContext): void {
  storage.enterWith(context);
}

/** The context of the event or request being handled, if any. */
export function currentMessageContext(): MessageContext | undefined {
  return storage.getStore();
}
