import {
  NatsError,
  headers as natsHeaders,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type MsgHdrs,
  type StoredMsg,
} from 'nats';
import {
  STREAMS,
  deadLetterSubject,
  parseDeadLetterSubject,
  type DeadLetterReason,
  type ServiceName,
} from '@polyshop/contracts';
import { DomainError } from '@polyshop/service-runtime';
import { HEADERS } from '../publishing/headers';

const DEAD_LETTER_STREAM = STREAMS.DEAD_LETTERS.name;

const isNotFound = (error: unknown) => error instanceof NatsError && error.jsError()?.code === 404;

export interface DeadLetter {
  /** Sequence in the dead-letter stream: what `replay` takes. */
  seq: number;
  service: ServiceName;
  /** Where the message was published originally. */
  subject: string;
  consumer: string;
  reason: DeadLetterReason;
  detail: string;
  attempts: number;
  deadLetteredAt: string;
  /** The original message, as it was received. */
  payload: string;
  headers: Record<string, string>;
}

const headersToRecord = (hdrs: MsgHdrs | undefined): Record<string, string> => {
  const record: Record<string, string> = {};
  if (!hdrs) return record;
  for (const [name, values] of hdrs) record[name] = values[0] ?? '';
  return record;
};

/**
 * Puts a message that cannot be processed into the dead-letter stream, with its original
 * payload and headers plus the reason, so the consumer can go on. Idempotent per delivery:
 * the message id is derived from the original stream sequence. Answers its sequence in the
 * dead-letter stream (what `replay` takes).
 */
export async function deadLetter(
  js: JetStreamClient,
  message: JsMsg,
  failure: { service: ServiceName; consumer: string; reason: DeadLetterReason; detail: string },
): Promise<number> {
  const hdrs = natsHeaders();
  for (const [name, value] of Object.entries(headersToRecord(message.headers))) {
    if (name !== 'Nats-Msg-Id') hdrs.set(name, value);
  }
  hdrs.set(HEADERS.deadLetterReason, failure.reason);
  hdrs.set(HEADERS.deadLetterDetail, failure.detail.slice(0, 2_000));
  hdrs.set(HEADERS.deadLetterConsumer, failure.consumer);
  hdrs.set(HEADERS.deadLetterSubject, message.subject);
  hdrs.set(HEADERS.deadLetterAttempts, String(message.info.redeliveryCount));
  const ack = await js.publish(deadLetterSubject(failure.service, message.subject), message.data, {
    msgID: `${failure.consumer}:${message.info.stream}:${message.info.streamSequence}`,
    headers: hdrs,
  });
  return ack.seq;
}

interface StoredLetter {
  seq: number;
  subject: string;
  headers: MsgHdrs | undefined;
  payload: string;
  time: Date;
}

const toDeadLetter = ({ seq, subject, headers: hdrs, payload, time }: StoredLetter): DeadLetter => {
  const headers = headersToRecord(hdrs);
  const origin = parseDeadLetterSubject(subject);
  if (origin === null) throw new Error(`${subject} is not a dead-letter subject`);
  return {
    seq,
    service: origin.consumer,
    subject: origin.originalSubject,
    consumer: headers[HEADERS.deadLetterConsumer] ?? '',
    reason: (headers[HEADERS.deadLetterReason] ?? 'RETRIES_EXHAUSTED') as DeadLetterReason,
    detail: headers[HEADERS.deadLetterDetail] ?? '',
    attempts: Number(headers[HEADERS.deadLetterAttempts] ?? 0),
    deadLetteredAt: time.toISOString(),
    payload,
    headers,
  };
};

const fromStored = (stored: StoredMsg): DeadLetter =>
  toDeadLetter({
    seq: stored.seq,
    subject: stored.subject,
    headers: stored.header,
    payload: stored.string(),
    time: stored.time,
  });

const fromDelivered = (message: JsMsg): DeadLetter =>
  toDeadLetter({
    seq: message.seq,
    subject: message.subject,
    headers: message.headers,
    payload: message.string(),
    time: new Date(message.info.timestampNanos / 1_000_000),
  });

/** No dead letter with that sequence belongs to the service. */
export class DeadLetterNotFound extends DomainError {
  readonly code = 'DLQ.NOT_FOUND';

  constructor(seq: number, service: ServiceName) {
    super(`no dead letter ${seq} for ${service}`);
  }
}

/** Lists and replays the dead letters of one service. */
export class DeadLetters {
  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
  ) {}

  /** Dead letters of `service`, oldest first: at most `limit`, after `afterSeq` if given. */
  async list(service: ServiceName, { limit = 100, afterSeq = 0 } = {}): Promise<DeadLetter[]> {
    // An ordered consumer: ephemeral, flow-controlled, gone when we are done reading. NATS 2.9
    // takes a single filter subject.
    const consumer = await this.js.consumers.get(DEAD_LETTER_STREAM, {
      filterSubjects: deadLetterSubject(service, '>'),
      opt_start_seq: afterSeq + 1,
    });
    const count = Math.min(limit, (await consumer.info()).num_pending);
    const letters: DeadLetter[] = [];
    if (count === 0) return letters;
    for await (const message of await consumer.fetch({ max_messages: count, expires: 2_000 })) {
      letters.push(fromDelivered(message));
      if (letters.length === count) break;
    }
    return letters;
  }

  /**
   * Publishes the original message again on its subject (with a new message id, so the
   * duplicate window does not drop it) and removes it from the dead letters. Consumers that had
   * already processed it find it in their inbox and ack it without a second effect.
   */
  async replay(seq: number, service: ServiceName): Promise<DeadLetter> {
    const stored = await this.jsm.streams
      .getMessage(DEAD_LETTER_STREAM, { seq })
      .catch((error: unknown) => {
        throw isNotFound(error) ? new DeadLetterNotFound(seq, service) : error;
      });
    const letter = fromStored(stored);
    // One service never replays another's dead letters.
    if (letter.service !== service) throw new DeadLetterNotFound(seq, service);
    const hdrs = natsHeaders();
    for (const [name, value] of Object.entries(letter.headers)) {
      if (!name.startsWith('Polyshop-Dead-Letter-')) hdrs.set(name, value);
    }
    await this.js.publish(letter.subject, stored.data, {
      msgID: `replay:${DEAD_LETTER_STREAM}:${seq}`,
      headers: hdrs,
    });
    await this.jsm.streams.deleteMessage(DEAD_LETTER_STREAM, seq);
    return letter;
  }
}
