import { createHash } from 'node:crypto';
import { mergeLines, type RequestedLine } from './order-pricing';

/**
 * What an `Idempotency-Key` is bound to: a SHA-256 of the order as asked for (products and
 * quantities, whatever their order or split into lines, and the payment token). A retry of the
 * same request matches; another request under the same key does not
 * (`ORDER.IDEMPOTENCY_KEY_REUSED`). Prices are left out on purpose: a price change between the
 * two calls does not make a retry a different request.
 */
export function requestFingerprint(lines: readonly RequestedLine[], paymentToken: string): string {
  const items = mergeLines(lines)
    .sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0))
    .map((l) => [l.productId, l.quantity]);
  return createHash('sha256').update(JSON.stringify({ items, paymentToken })).digest('hex');
}
