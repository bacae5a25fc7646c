import { parseReserveReply, parseSettleReply } from './reservation-outcomes';

const A = 'aaaaaaaaaaaaaaaaaaaaaaaa';

describe('parseReserveReply', () => {
  it('reads a rejection with the shortages the script listed', () => {
    const shortages = `[{"productId":"${A}","requested":3,"available":1}]`;
    expect(parseReserveReply(['rejected', 'OUT_OF_STOCK', shortages])).toEqual({
      kind: 'rejected',
      reason: 'OUT_OF_STOCK',
      shortages: [{ productId: A, requested: 3, available: 1 }],
    });
  });

  it('reads a reservation, a duplicate and an order that already has a record', () => {
    expect(parseReserveReply(['reserved'])).toEqual({ kind: 'reserved' });
    expect(parseReserveReply(['duplicate'])).toEqual({ kind: 'duplicate' });
    expect(parseReserveReply(['skipped', 'CANCELLED'])).toEqual({
      kind: 'skipped',
      state: 'CANCELLED',
    });
  });

  it('refuses a reply it does not know rather than guessing', () => {
    expect(() => parseReserveReply('OK')).toThrow(/reserve script replied "OK"/);
    expect(() => parseReserveReply(['rejected', 'SOLD_OUT', '[]'])).toThrow(/SOLD_OUT/);
    expect(() => parseReserveReply(['skipped', 'LOST'])).toThrow(/LOST/);
  });
});

describe('parseSettleReply', () => {
  it('reads what a commit or a release did', () => {
    expect(parseSettleReply('commit', ['committed'])).toEqual({ kind: 'committed' });
    expect(parseSettleReply('release', ['tombstoned'])).toEqual({ kind: 'tombstoned' });
    expect(parseSettleReply('release', ['stale'])).toEqual({ kind: 'stale' });
  });

  it('reads "nothing held" with the state found, or none for an unknown order', () => {
    expect(parseSettleReply('release', ['not-held', 'RELEASED'])).toEqual({
      kind: 'not-held',
      state: 'RELEASED',
    });
    expect(parseSettleReply('commit', ['not-held', ''])).toEqual({ kind: 'not-held', state: null });
  });

  it('names the stock hash of an inconsistent reservation', () => {
    expect(parseSettleReply('commit', ['inconsistent', 'inventory:stock:x'])).toEqual({
      kind: 'inconsistent',
      stockKey: 'inventory:stock:x',
    });
  });
});
