import type { OrderedItem } from '@polyshop/contracts';
import { InvalidOrderError, UnknownProductError } from './order.errors';

/** A line as the caller asked for it. */
export interface RequestedLine {
  readonly productId: string;
  readonly quantity: number;
}

/** A product's current price, from the replica. */
export interface KnownPrice {
  readonly price: number;
  readonly currency: string;
}

/** An order's lines priced from the replica, its total and its one currency. */
export interface PricedOrder {
  readonly items: readonly OrderedItem[];
  readonly total: number;
  readonly currency: string;
}

/**
 * One line per product, in the order first named: lines repeating a product are merged by
 * adding their quantities, so inventory reserves and payment charges each product once.
 */
export function mergeLines(lines: readonly RequestedLine[]): RequestedLine[] {
  const quantities = new Map<string, number>();
  for (const { productId, quantity } of lines) {
    quantities.set(productId, (quantities.get(productId) ?? 0) + quantity);
  }
  return [...quantities].map(([productId, quantity]) => ({ productId, quantity }));
}

/**
 * Prices merged lines. Every product must be known (`ORDER.UNKNOWN_PRODUCT` names those that are
 * not) and all must share one currency: an order is charged once, in one currency, and there is
 * no exchange rate to convert with, so mixed currencies are refused (`VALIDATION.FAILED` on
 * `items`) rather than guessed. The total must stay an exact integer.
 */
export function priceOrder(
  lines: readonly RequestedLine[],
  prices: ReadonlyMap<string, KnownPrice>,
): PricedOrder {
  const unknown = lines.map((l) => l.productId).filter((id) => !prices.has(id));
  if (unknown.length > 0) throw new UnknownProductError(unknown);

  const items = lines.map(({ productId, quantity }) => ({
    productId,
    quantity,
    unitPrice: (prices.get(productId) as KnownPrice).price,
  }));
  const currencies = [
    ...new Set(lines.map((l) => (prices.get(l.productId) as KnownPrice).currency)),
  ];
  if (currencies.length > 1) {
    throw new InvalidOrderError(
      'items',
      `all products of an order must share one currency, these are priced in ${currencies.join(', ')}`,
    );
  }
  const total = items.reduce((sum, i) => sum + BigInt(i.quantity) * BigInt(i.unitPrice), 0n);
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new InvalidOrderError('items', 'the total is larger than the largest amount allowed');
  }
  return { items, total: Number(total), currency: currencies[0] };
}
