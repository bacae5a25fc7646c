import { randomUUID } from 'node:crypto';
import type { JetStreamManager, NatsConnection } from 'nats';
import type { OutgoingEvent, PublishOutcome } from '../../publishing/outgoing-event';
import type { EventBatchPublisher } from '../outbox-relay';

/** A message as a test reads it back from its stream. */
export interface StoredEvent {
  readonly msgId: string | undefined;
  readonly subject: string;
  readonly payload: string;
  readonly headers: Record<string, string>;
}

/**
 * A throwaway JetStream stream on subjects of its own (`test.<tag>.>`), so that suites running
 * side by side on the shared broker never see each other's messages. Integration tests only.
 */
export class TestStream {
  private constructor(
    private readonly jsm: JetStreamManager,
    readonly name: string,
    private readonly tag: string,
  ) {}

  static async create(connection: NatsConnection): Promise<TestStream> {
    const tag = randomUUID().replaceAll('-', '').slice(0, 12);
    const jsm = await connection.jetstreamManager();
    const stream = new TestStream(jsm, `TEST_${tag.toUpperCase()}`, tag);
    await jsm.streams.add({ name: stream.name, subjects: [`test.${tag}.>`] });
    return stream;
  }

  /** A subject this stream captures. */
  subject(name = 'thing.happened.v1'): string {
    return `test.${this.tag}.${name}`;
  }

  /** `count` new events on this stream's subjects, each with a fresh id. */
  events(count: number, headers: Record<string, string> = {}): OutgoingEvent[] {
    return Array.from({ length: count }, (_, i) => {
      const id = randomUUID();
      return {
        id,
        subject: this.subject(),
        payload: JSON.stringify({ id, n: i }),
        headers: { 'Polyshop-Event-Type': 'thing.happened.v1', ...headers },
      };
    });
  }

  async count(): Promise<number> {
    return (await this.jsm.streams.info(this.name)).state.messages;
  }

  /** Every message in the stream, in stream order. */
  async read(): Promise<StoredEvent[]> {
    const { state } = await this.jsm.streams.info(this.name);
    if (state.messages === 0) return [];
    const seqs = Array.from(
      { length: state.last_seq - state.first_seq + 1 },
      (_, i) => state.first_seq + i,
    );
    const messages = await Promise.all(
      seqs.map((seq) => this.jsm.streams.getMessage(this.name, { seq })),
    );
    return messages.map((message) => {
      const headers: Record<string, string> = {};
      for (const [name, values] of message.header) headers[name] = values.join(',');
      return {
        msgId: message.header.get('Nats-Msg-Id') || undefined,
        subject: message.subject,
        payload: message.string(),
        headers,
      };
    });
  }

  async delete(): Promise<void> {
    await this.jsm.streams.delete(this.name);
  }
}

/** Wraps a publisher and remembers every event id it was asked to publish, in order. */
export class RecordingPublisher implements EventBatchPublisher {
  readonly calls: string[] = [];

  constructor(private readonly inner: EventBatchPublisher) {}

  publishBatch(events: readonly OutgoingEvent[]): Promise<PublishOutcome[]> {
    for (const event of events) this.calls.push(event.id);
    return this.inner.publishBatch(events);
  }
}

/** How often each id occurs. */
export function occurrences(ids: readonly (string | undefined)[]): Map<string | undefined, number> {
  const counts = new Map<string | undefined, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}
