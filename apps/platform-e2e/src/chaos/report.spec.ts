import { trackOrder, trackProduct, type OrderRow, type Snapshot } from '../support/invariants';
import { LoadStats } from './load';
import { makePlan } from './plan';
import {
  buildReport,
  formatReport,
  formatSummary,
  summarize,
  tallyLogLines,
  type DeadLetterAccount,
  type LogCounts,
} from './report';

const order = (id: string, status: string, total: number) =>
  ({ id, status, reason: null, total, currency: 'EUR' }) as OrderRow;

const stock = (available: number, reserved: number, sold: number, initial: number) => ({
  available: String(available),
  reserved: String(reserved),
  sold: String(sold),
  initial: String(initial),
  adjustments: '0',
});

const money = (booksNet: number, pspCharges: number) => ({
  paymentStatus: pspCharges > 0 ? 'CHARGED' : undefined,
  booksNet,
  pspCharges,
  pspNet: booksNet,
  currency: 'EUR',
});

/** A run where o1 was confirmed correctly; each spec adds its own damage. */
function snapshot(): Snapshot {
  return {
    orders: new Map([['o1', order('o1', 'CONFIRMED', 200)]]),
    lines: [
      { order_id: 'o1', product_id: 'p1', quantity: 2, unit_price: 100 },
    ] as Snapshot['lines'],
    stock: new Map([['p1', stock(8, 0, 2, 10)]]),
    reservations: new Map([['o1', { state: 'COMMITTED' }]]),
    money: new Map([['o1', money(200, 1)]]),
    unpublished: [],
    deadLetters: [],
  };
}

const noDeadLetters: DeadLetterAccount = {
  total: 0,
  poison: 0,
  poisonExpected: 0,
  poisonMissing: [],
  earlierPoison: 0,
  replayed: [],
  unaccounted: [],
};

const report = (state: Snapshot, deadLetters = noDeadLetters) =>
  buildReport({
    plan: makePlan(1, 'short'),
    faults: [],
    stats: new LoadStats(),
    snapshot: state,
    deadLetters,
    duplicatesInjected: 0,
    logs: { redeliveries: 0, inboxDuplicates: 0, crashPointsReached: 0 },
    drainMs: 0,
    durationMs: 0,
    runnerProblems: [],
  });

describe('chaos run report', () => {
  beforeAll(() => {
    trackOrder('o1');
    trackProduct('p1', 10);
  });

  it('finds nothing wrong in a consistent run', () => {
    const clean = report(snapshot());
    expect(clean.violations).toEqual([]);
    expect(clean.orders).toMatchObject({ stored: 1, terminal: 1, stuck: 0, lost: 0 });
    expect(formatReport(clean)).toMatch(/^run seed 1 \(short\): OK/);
  });

  it('counts a lost order, a double charge and oversold units, and names each', () => {
    trackOrder('o2');
    const damaged = snapshot();
    damaged.money.set('o1', { ...money(200, 2), pspNet: 200 });
    damaged.stock.set('p1', stock(-1, 0, 11, 10));
    const counted = report(damaged);
    expect(counted.orders.lost).toBe(1);
    expect(counted.doubleCharges).toBe(1);
    expect(counted.oversoldUnits).toBe(1);
    expect(counted.violations).toEqual(
      expect.arrayContaining([
        expect.stringContaining('order o2: accepted with 202 but not stored'),
        expect.stringContaining('more than one successful charge'),
        expect.stringContaining('product p1: negative counter or oversold'),
      ]),
    );
    expect(formatReport(counted)).toContain('VIOLATION');
  });

  it('accepts the expected poison dead letters and reports any other one', () => {
    const letter = {
      seq: 7,
      subject: 'dlq.order-service.payment.succeeded.v1',
      reason: 'INVALID_DATA',
      detail: 'orderId must be a UUID',
      payload: '{}',
    };
    const missing = report(snapshot(), {
      ...noDeadLetters,
      poisonExpected: 2,
      poison: 1,
      poisonMissing: ['poison p1 on order.placed.v1 not dead-lettered by payment-service'],
    });
    expect(missing.violations).toContain(
      'poison p1 on order.placed.v1 not dead-lettered by payment-service',
    );
    const stray = report(snapshot(), { ...noDeadLetters, total: 1, unaccounted: [letter] });
    expect(stray.deadLetters.unaccounted).toBe(1);
    expect(stray.violations).toContain(
      'dead letter dlq.order-service.payment.succeeded.v1 (seq 7) not accounted for: INVALID_DATA orderId must be a UUID',
    );
  });

  it('sums an invocation up per fault kind, with the median and worst recovery', () => {
    const run = (recoveries: number[]) => ({
      ...report(snapshot()),
      faults: recoveries.map((ms) => ({
        kind: 'kill-nats' as const,
        atMs: 0,
        description: 'kill -9 NATS',
        note: '',
        recovery: { ms, status: 'CONFIRMED' },
      })),
    });
    const runs = [run([300, 100]), run([900])];
    const summary = summarize(runs);
    expect(summary).toMatchObject({
      runs: 2,
      faults: 3,
      violations: runs[0].violations.length + runs[1].violations.length,
    });
    expect(summary.kinds).toEqual([
      { kind: 'kill-nats', injected: 3, recoveryMs: { median: 300, max: 900 } },
    ]);
    expect(formatSummary(summary)).toContain(
      'kill-nats: 3 injected, recovery median 300 ms, max 900 ms',
    );
  });

  it("counts the proofs in the apps' JSON log lines and the crash points' plain lines", () => {
    const json = (msg: string, extra: Record<string, unknown> = {}) =>
      JSON.stringify({ level: 'info', service: 'inventory-service', ...extra, msg });
    const counts: LogCounts = { redeliveries: 0, inboxDuplicates: 0, crashPointsReached: 0 };

    tallyLogLines(
      [
        json('order.placed.v1 e-1 redelivered to inventory-order-placed-v1 (attempt 2)'),
        json('duplicate ignored: inventory-order-placed-v1/e-1 was already applied'),
        // A field other than the message never counts.
        json('order e-2 placed', { note: 'duplicate ignored: no' }),
        'POLYSHOP_CRASH_POINT: crashing at consumer.before-ack',
        '{"truncated by the kill',
        '',
      ].join('\n'),
      counts,
    );

    expect(counts).toEqual({ redeliveries: 1, inboxDuplicates: 1, crashPointsReached: 1 });
  });
});
