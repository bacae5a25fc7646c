import {
  ORDER_CANCELLATION_REASONS,
  ORDER_REASONS,
  STOCK_RESERVATION_FAILURE_REASONS,
} from '../codes';
import { PRODUCERS, PRODUCER_SERVICE, SERVICES } from '../services';
import { streamOf } from '../streams';
import {
  COMPENSATION_SUBJECTS,
  EVENTS,
  EVENT_SUBJECTS,
  SUBJECTS,
  isEventSubject,
} from './event-map';

const definitions = EVENT_SUBJECTS.map((subject) => ({ subject, ...EVENTS[subject] }));

describe('event map', () => {
  it.each(definitions)(
    '$subject is <producer>.<event-past-tense>.v<N> of its own entry',
    (event) => {
      expect(event.subject).toBe(`${event.type}.v${event.version}`);
      expect(event.type).toMatch(new RegExp(`^${event.producer}\\.[a-z]+(-[a-z]+)*ed$`));
      expect(Number.isInteger(event.version) && event.version >= 1).toBe(true);
    },
  );

  it.each(definitions)('$subject goes to the stream of its producer', (event) => {
    expect(event.stream).toBe(streamOf(event.producer));
  });

  it.each(definitions)('$subject is consumed by other services only', (event) => {
    for (const consumer of event.consumers) {
      expect(SERVICES).toContain(consumer);
      expect(consumer).not.toBe(PRODUCER_SERVICE[event.producer]);
    }
  });

  it('covers the events DESIGN.md lists, for every producer', () => {
    expect(new Set(definitions.map((event) => event.producer))).toEqual(new Set(PRODUCERS));
    expect(EVENT_SUBJECTS).toHaveLength(12);
  });

  it('has one subject constant per subject, each naming its own subject', () => {
    expect(Object.values(SUBJECTS).sort()).toEqual([...EVENT_SUBJECTS].sort());
    for (const [name, subject] of Object.entries(SUBJECTS)) {
      expect(name).toBe(subject.replace(/[.-]/g, '_').toUpperCase());
    }
  });

  it('recognises its subjects and nothing inherited from Object', () => {
    expect(isEventSubject('order.placed.v1')).toBe(true);
    expect(isEventSubject('order.placed.v2')).toBe(false);
    expect(isEventSubject('constructor')).toBe(false);
  });

  it('marks the releases and refunds as compensations', () => {
    expect(COMPENSATION_SUBJECTS).toEqual(['inventory.stock-released.v1', 'payment.refunded.v1']);
  });

  it('lets an order show any cancellation or rejection reason', () => {
    expect(new Set(ORDER_REASONS)).toEqual(
      new Set([...ORDER_CANCELLATION_REASONS, ...STOCK_RESERVATION_FAILURE_REASONS]),
    );
  });
});
