/** The fields of a stock hash (`inventory:stock:<productId>`), in the order scripts read them. */
export const STOCK_FIELDS = ['available', 'reserved', 'sold', 'initial', 'adjustments'] as const;

/**
 * Stock of one product. `available` can be reserved by orders; `reserved` is held for orders
 * waiting for payment; `sold` was paid for. `initial` came with `product.created.v1`;
 * `adjustments` is the sum of every admin correction (`rpc.inventory.set-stock`), negative when
 * stock was taken away. Invariant: `available + reserved + sold = initial + adjustments`, with
 * `available`, `reserved` and `sold` never negative.
 */
export type StockLevels = Record<(typeof STOCK_FIELDS)[number], number>;

/**
 * Reads a stock hash's values (`HMGET` in `STOCK_FIELDS` order); `null` when the product is
 * unknown to inventory. A partial or non-integer hash is corrupt and throws.
 */
export function parseStockLevels(values: readonly (string | null)[]): StockLevels | null {
  if (values.every((value) => value === null)) return null;
  const numbers = STOCK_FIELDS.map((field, index) => {
    const value = values[index];
    if (value === null || value === undefined || !/^-?\d+$/.test(value)) {
      throw new Error(`stock hash field ${field} is ${String(value)}, not an integer`);
    }
    return Number(value);
  });
  const [available, reserved, sold, initial, adjustments] = numbers;
  return { available, reserved, sold, initial, adjustments };
}

/** What is wrong with `levels` against the stock invariant; empty when it holds. */
export function stockInvariantViolations(levels: StockLevels): string[] {
  const { available, reserved, sold, initial, adjustments } = levels;
  const violations = (['available', 'reserved', 'sold'] as const)
    .filter((field) => levels[field] < 0)
    .map((field) => `${field} is negative (${levels[field]})`);
  if (available + reserved + sold !== initial + adjustments) {
    violations.push(
      `available + reserved + sold = ${available + reserved + sold}, ` +
        `initial + adjustments = ${initial + adjustments}`,
    );
  }
  return violations;
}
