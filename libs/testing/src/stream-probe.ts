import type { JetStreamClient, JsMsg, NatsConnection } from 'nats';

/** A message as a test reads it back from a stream. */
export interface StreamedMessage {
  readonly seq: number;
  readonly subject: string;
  readonly msgId: string | undefined;
  readonly payload: string;
  readonly headers: Readonly<Record<string, string>>;
}

const FETCH_MAX = 1_000;

/**
 * Reads back what reached a JetStream stream shared with other suites and processes: only what
 * was stored after the probe was opened, and an event picked by its `Nats-Msg-Id`, whatever else
 * is published on the same subject meanwhile.
 */
export class StreamProbe {
  private constructor(
    private readonly js: JetStreamClient,
    readonly stream: string,
    private readonly fromSeq: number,
  ) {}

  /** Opens a probe at the current end of `stream`. */
  static async open(connection: NatsConnection, stream: string): Promise<StreamProbe> {
    const jsm = await connection.jetstreamManager();
    const { state } = await jsm.streams.info(stream);
    return new StreamProbe(connection.jetstream(), stream, state.last_seq + 1);
  }

  /** Every message on `subject` stored since the probe opened whose `Nats-Msg-Id` is `msgId`. */
  async copiesOf(subject: string, msgId: string): Promise<StreamedMessage[]> {
    // An ordered consumer: ephemeral, gone once idle. NATS 2.9 takes a single filter subject.
    const consumer = await this.js.consumers.get(this.stream, {
      filterSubjects: subject,
      opt_start_seq: this.fromSeq,
    });
    let pending = (await consumer.info()).num_pending;
    const copies: StreamedMessage[] = [];
    while (pending > 0) {
      const before = pending;
      const batch = await consumer.fetch({
        max_messages: Math.min(pending, FETCH_MAX),
        expires: 2_000,
      });
      for await (const message of batch) {
        pending--;
        if (message.headers?.get('Nats-Msg-Id') === msgId) copies.push(toStreamed(message));
        if (pending === 0) break;
      }
      if (pending === before) throw new Error(`${this.stream}: ${pending} messages not delivered`);
    }
    return copies;
  }
}

function toStreamed(message: JsMsg): StreamedMessage {
  const headers: Record<string, string> = {};
  for (const [name, values] of message.headers ?? []) headers[name] = values.join(',');
  return {
    seq: message.seq,
    subject: message.subject,
    msgId: message.headers?.get('Nats-Msg-Id') || undefined,
    payload: message.string(),
    headers,
  };
}
