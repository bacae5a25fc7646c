import {
  DEFAULT_LAYOUT,
  formatSincePlacement,
  gapFor,
  layoutSwimlanes,
  SAGA_LANES,
  type Mark,
} from './swimlane-layout';
import { after, deadLetteredEntries, declinedOrder } from './timeline.fixtures';

const laneOfMark = (marks: readonly Mark[], label: string) =>
  marks.find((mark) => mark.label === label)?.lane;

function only(marks: readonly Mark[], test: (mark: Mark) => boolean): Mark {
  const found = marks.filter(test);
  if (found.length !== 1) throw new Error(`${found.length} marks match, not 1`);
  return found[0];
}

describe('the swimlane layout', () => {
  const layout = layoutSwimlanes(declinedOrder);

  it('draws one lane per saga service, order, inventory and payment from top to bottom', () => {
    expect(layout.lanes.map((lane) => lane.service)).toEqual([...SAGA_LANES]);
    const ys = layout.lanes.map((lane) => lane.y);
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
    expect(layout.height).toBe(3 * DEFAULT_LAYOUT.laneHeight);
  });

  it('puts each entry in the lane of the service that did it: the producer or the consumer', () => {
    expect(laneOfMark(layout.marks, 'order.placed')).toBe('order-service');
    expect(laneOfMark(layout.marks, '✓ order.placed')).toBe('inventory-service');
    expect(laneOfMark(layout.marks, 'payment.failed')).toBe('payment-service');
    const lanes = new Map(layout.lanes.map((lane) => [lane.service, lane.y]));
    for (const mark of layout.marks) expect(mark.y).toBe(lanes.get(mark.lane));
  });

  it('places marks in time order, left to right, further apart the longer between them', () => {
    const xs = layout.marks.map((mark) => mark.x);
    expect(xs[0]).toBe(layout.originX);
    for (let i = 1; i < xs.length; i++) {
      expect(xs[i] - xs[i - 1]).toBeGreaterThanOrEqual(DEFAULT_LAYOUT.minGap);
    }
    // The 265 ms the retry waited show as a wider gap than 1 ms does.
    const retry = only(layout.marks, (mark) => mark.tone === 'retry');
    const charged = only(
      layout.marks,
      (mark) => mark.label === '✓ inventory.stock-reserved' && mark.lane === 'payment-service',
    );
    expect(charged.x - retry.x).toBeCloseTo(gapFor(265), 5);
    expect(gapFor(265)).toBeGreaterThan(gapFor(1) + 2 * DEFAULT_LAYOUT.pxPerDecade);
    expect(gapFor(30_000)).toBeLessThan(DEFAULT_LAYOUT.minGap + 5 * DEFAULT_LAYOUT.pxPerDecade);
    expect(layout.width).toBe(xs[xs.length - 1] + DEFAULT_LAYOUT.rightMargin);
  });

  it('labels every mark with its time relative to placement', () => {
    expect(layout.marks.map((mark) => mark.time)).toEqual([
      '+0 ms',
      '+5 ms',
      '+20 ms',
      '+21 ms',
      '+30 ms',
      '+30 ms',
      '+35 ms',
      '+300 ms',
      '+301 ms',
      '+310 ms',
      '+310 ms',
      '+312 ms',
      '+313 ms',
      '+330 ms',
      '+400 ms',
    ]);
    expect(formatSincePlacement(1_250)).toBe('+1.25 s');
    expect(formatSincePlacement(125_000)).toBe('+2 min 5 s');
    expect(formatSincePlacement(-3)).toBe('-3 ms');
  });

  it('draws an arrow from each publication to each delivery of the same event id', () => {
    expect(layout.arrows).toHaveLength(8);
    for (const arrow of layout.arrows) {
      expect(arrow.to.x).toBeGreaterThan(arrow.from.x);
      const source = only(layout.marks, (mark) => mark.x === arrow.from.x);
      expect({ kind: source.kind, y: source.y }).toEqual({ kind: 'PUBLISHED', y: arrow.from.y });
    }
    const toPayment = layout.arrows.filter(
      (arrow) =>
        arrow.subject === 'inventory.stock-reserved.v1' && arrow.to.y === layout.lanes[2].y,
    );
    expect(toPayment.map((arrow) => arrow.tone)).toEqual(['retry', 'processed']);
  });

  it('shows failure events and compensations in their own tones, and the deliveries carrying them', () => {
    const tones = (tone: string) =>
      layout.marks.filter((mark) => mark.tone === tone).map((mark) => [mark.lane, mark.label]);
    expect(tones('compensation')).toEqual([['inventory-service', '↩ inventory.stock-released']]);
    expect(tones('failure')).toEqual([
      ['payment-service', 'payment.failed'],
      ['order-service', '▶ CANCELLED (PAYMENT_DECLINED)'],
    ]);
    const arrowTones = (subject: string) =>
      layout.arrows.filter((arrow) => arrow.subject === subject).map((arrow) => arrow.tone);
    // Handled deliveries take their event's tone; the late duplicate shows it was ignored.
    expect(arrowTones('payment.failed.v1')).toEqual(['failure', 'failure', 'duplicate']);
    expect(arrowTones('inventory.stock-released.v1')).toEqual(['compensation']);
    expect(arrowTones('order.placed.v1')).toEqual(['processed']);
  });

  it('marks the status changes on the order lane, failures in the failure tone with their reason', () => {
    const transitions = layout.marks.filter((mark) => mark.kind === 'TRANSITION');
    expect(transitions.map((mark) => [mark.lane, mark.label, mark.tone])).toEqual([
      ['order-service', '▶ PENDING', 'status'],
      ['order-service', '▶ AWAITING_PAYMENT', 'status'],
      ['order-service', '▶ CANCELLED (PAYMENT_DECLINED)', 'failure'],
    ]);
  });

  it('marks retries and dead letters, and gives a service outside the saga its own lane', () => {
    const withDeadLetter = layoutSwimlanes({
      placedAt: after(0),
      entries: deadLetteredEntries,
      transitions: [],
    });
    expect(withDeadLetter.lanes.map((lane) => lane.service)).toEqual([
      ...SAGA_LANES,
      'audit-service',
    ]);
    expect(
      withDeadLetter.marks.filter((mark) => mark.tone === 'dead-letter').map((mark) => mark.label),
    ).toEqual(['✕ gave up (attempt 5)', '☠ dead letter: RETRIES_EXHAUSTED']);
    expect(withDeadLetter.arrows.map((arrow) => arrow.tone)).toEqual([
      'dead-letter',
      'dead-letter',
      'processed',
    ]);
    expect(layout.marks.find((mark) => mark.tone === 'retry')?.title).toContain('PSP unavailable');
  });

  it('alternates the labels of one lane above and below, so neighbours do not overlap', () => {
    const orderLane = layout.marks.filter((mark) => mark.lane === 'order-service');
    expect(orderLane).toHaveLength(7);
    expect(orderLane.map((mark) => mark.labelBelow)).toEqual(
      orderLane.map((_, index) => index % 2 === 1),
    );
  });

  it('draws no arrow for a delivery whose publication is not in the timeline', () => {
    const partial = layoutSwimlanes({
      placedAt: after(0),
      entries: declinedOrder.entries.filter((entry) => entry.kind !== 'PUBLISHED'),
      transitions: [],
    });
    expect(partial.arrows).toEqual([]);
    expect(partial.marks).toHaveLength(8);
  });
});
