import { EVENTS, EVENT_SUBJECTS } from './events/event-map';
import { RPC } from './rpc/rpc-map';
import { PRODUCERS } from './services';
import {
  STREAMS,
  deadLetterSubject,
  durableName,
  parseDeadLetterSubject,
  type StreamName,
} from './streams';

/** NATS subject matching: `*` is one token, `>` one or more trailing tokens. */
function matches(filter: string, subject: string): boolean {
  const wanted = filter.split('.');
  const tokens = subject.split('.');
  for (const [index, token] of wanted.entries()) {
    if (token === '>') return tokens.length > index;
    if (index >= tokens.length || (token !== '*' && token !== tokens[index])) return false;
  }
  return wanted.length === tokens.length;
}

const capturingStreams = (subject: string): StreamName[] =>
  (Object.keys(STREAMS) as StreamName[]).filter((name) =>
    STREAMS[name].subjects.some((filter) => matches(filter, subject)),
  );

const consumptions = EVENT_SUBJECTS.flatMap((subject) =>
  EVENTS[subject].consumers.map((consumer) => ({ consumer, subject })),
);

describe('streams', () => {
  it('has one stream per producer in capitals, plus DEAD_LETTERS', () => {
    expect(Object.keys(STREAMS).sort()).toEqual(
      [...PRODUCERS.map((producer) => producer.toUpperCase()), 'DEAD_LETTERS'].sort(),
    );
    for (const producer of PRODUCERS) {
      expect(STREAMS[producer.toUpperCase() as StreamName].subjects).toEqual([`${producer}.>`]);
    }
    expect(STREAMS.DEAD_LETTERS.subjects).toEqual(['dlq.>']);
  });

  it.each(EVENT_SUBJECTS)('%s is stored by its own stream and no other', (subject) => {
    expect(capturingStreams(subject)).toEqual([EVENTS[subject].stream]);
  });

  it('keeps dead letters out of the producer streams', () => {
    const subject = deadLetterSubject('inventory-service', 'order.placed.v1');

    expect(subject).toBe('dlq.inventory-service.order.placed.v1');
    expect(capturingStreams(subject)).toEqual(['DEAD_LETTERS']);
  });

  it('lets no stream capture an RPC request (its PubAck would answer the caller)', () => {
    for (const pattern of Object.keys(RPC)) expect(capturingStreams(pattern)).toEqual([]);
  });

  it('reads the consumer and original subject back from a dead-letter subject', () => {
    expect(parseDeadLetterSubject('dlq.payment-service.order.cancelled.v1')).toEqual({
      consumer: 'payment-service',
      originalSubject: 'order.cancelled.v1',
    });
    expect(parseDeadLetterSubject('order.cancelled.v1')).toBeNull();
    expect(parseDeadLetterSubject('dlq.someone.order.cancelled.v1')).toBeNull();
  });
});

describe('durableName', () => {
  it('names a durable <consumer>-<event>-v<N>', () => {
    expect(durableName('inventory-service', 'order.placed.v1')).toBe('inventory-order-placed-v1');
    expect(durableName('order-service', 'inventory.stock-reservation-failed.v1')).toBe(
      'order-inventory-stock-reservation-failed-v1',
    );
  });

  it('gives every consumption of the event map its own name, free of dots', () => {
    const names = consumptions.map(({ consumer, subject }) => durableName(consumer, subject));

    expect(names.filter((name) => /[.\s*>]/.test(name))).toEqual([]);
    expect(new Set(names).size).toBe(consumptions.length);
  });
});
