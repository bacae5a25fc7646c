import {
  encodeItems,
  mergeItems,
  parseReservationRecord,
  releasable,
  type ReservationRecord,
} from './reservation';

const A = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbbbbbbbbbb';

describe('mergeItems', () => {
  it('adds up the quantities of a product ordered on several lines, in order of appearance', () => {
    expect(
      mergeItems([
        { productId: B, quantity: 1 },
        { productId: A, quantity: 2 },
        { productId: B, quantity: 3 },
      ]),
    ).toEqual([
      { productId: B, quantity: 4 },
      { productId: A, quantity: 2 },
    ]);
  });

  it('keeps only product and quantity of an order line', () => {
    const line = { productId: A, quantity: 2, unitPrice: 999 };
    expect(mergeItems([line])).toEqual([{ productId: A, quantity: 2 }]);
  });
});

describe('parseReservationRecord', () => {
  it('reads a held reservation with its items exactly as stored', () => {
    const itemsJson = encodeItems([{ productId: A, quantity: 2 }]);
    expect(parseReservationRecord(['HELD', itemsJson])).toEqual({
      state: 'HELD',
      itemsJson,
      items: [{ productId: A, quantity: 2 }],
    });
  });

  it('reads a tombstone, which has no items', () => {
    expect(parseReservationRecord(['CANCELLED', null])).toEqual({
      state: 'CANCELLED',
      itemsJson: '',
      items: [],
    });
  });

  it('answers null for an order without a record', () => {
    expect(parseReservationRecord([null, null])).toBeNull();
  });

  it('refuses an unknown state or corrupt items', () => {
    expect(() => parseReservationRecord(['LOST', null])).toThrow(/LOST/);
    expect(() => parseReservationRecord(['HELD', '[{"productId":1}]'])).toThrow(/corrupt/);
  });
});

describe('releasable', () => {
  const record = (state: ReservationRecord['state']): ReservationRecord => {
    const items = [{ productId: A, quantity: 2 }];
    return { state, itemsJson: encodeItems(items), items };
  };

  it('gives back a held reservation, whatever the release', () => {
    const held = record('HELD');
    expect(releasable(held, false)).toBe(held);
    expect(releasable(held, true)).toBe(held);
  });

  it("gives back a committed reservation only for the order's cancellation", () => {
    const committed = record('COMMITTED');
    expect(releasable(committed, true)).toBe(committed);
    expect(releasable(committed, false)).toBeNull();
  });

  it('gives back nothing settled before, and nothing for an order without a record', () => {
    for (const state of ['RELEASED', 'REJECTED', 'CANCELLED'] as const) {
      expect({ state, releasable: releasable(record(state), true) }).toEqual({
        state,
        releasable: null,
      });
    }
    expect(releasable(null, true)).toBeNull();
  });
});
