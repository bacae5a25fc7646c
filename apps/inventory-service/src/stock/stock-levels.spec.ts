import { parseStockLevels, stockInvariantViolations } from './stock-levels';

describe('parseStockLevels', () => {
  it('reads the five counters of a stock hash', () => {
    expect(parseStockLevels(['7', '2', '1', '10', '0'])).toEqual({
      available: 7,
      reserved: 2,
      sold: 1,
      initial: 10,
      adjustments: 0,
    });
  });

  it('reads negative adjustments (stock taken away by an admin)', () => {
    expect(parseStockLevels(['0', '0', '3', '10', '-7'])?.adjustments).toBe(-7);
  });

  it('answers null for a product inventory never heard of', () => {
    expect(parseStockLevels([null, null, null, null, null])).toBeNull();
  });

  it('refuses a partial or non-integer hash as corrupt', () => {
    expect(() => parseStockLevels(['7', null, '1', '10', '0'])).toThrow(/reserved/);
    expect(() => parseStockLevels(['7', '2', '1.5', '10', '0'])).toThrow(/sold/);
  });
});

describe('stockInvariantViolations', () => {
  it('finds nothing wrong when available + reserved + sold = initial + adjustments', () => {
    expect(
      stockInvariantViolations({ available: 5, reserved: 3, sold: 4, initial: 10, adjustments: 2 }),
    ).toEqual([]);
  });

  it('reports a sum that does not match', () => {
    expect(
      stockInvariantViolations({ available: 5, reserved: 3, sold: 4, initial: 10, adjustments: 0 }),
    ).toEqual(['available + reserved + sold = 12, initial + adjustments = 10']);
  });

  it('reports a negative counter even when the sum matches', () => {
    expect(
      stockInvariantViolations({ available: -1, reserved: 1, sold: 0, initial: 0, adjustments: 0 }),
    ).toEqual(['available is negative (-1)']);
  });
});
