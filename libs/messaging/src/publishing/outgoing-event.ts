/**
 * One event on its way to JetStream, exactly as an outbox row stores it, so that the relay can
 * send it again byte for byte after a crash.
 */
export interface OutgoingEvent {
  /** The envelope's id, sent as `Nats-Msg-Id`: a resend inside the duplicate window is dropped. */
  readonly id: string;
  readonly subject: string;
  /** The serialised envelope. */
  readonly payload: string;
  /** Headers to send with it (correlation, causation, event type, traceparent). */
  readonly headers: Readonly<Record<string, string>>;
}

export type PublishOutcome =
  | { readonly id: string; readonly ok: true; readonly duplicate: boolean; readonly seq: number }
  | { readonly id: string; readonly ok: false; readonly error: string };
