import type { FilterQuery, SortOrder } from 'mongoose';
import type { ProductDocument } from './product.schema';

/** A find on the products collection: which documents, in which order. */
export interface CatalogQuery {
  readonly filter: FilterQuery<ProductDocument>;
  readonly sort: Record<string, SortOrder | { $meta: 'textScore' }>;
}

const NEWEST_FIRST = { createdAt: -1, _id: -1 } as const;

/**
 * The catalog's query for a search text: without one (or a blank one) every product, newest
 * first; with one, the `$text` matches on name and description plus the product whose SKU is
 * exactly the text, best matches first. Ties keep the newest-first order so pages are stable.
 */
export function catalogQuery(q: string | undefined): CatalogQuery {
  const text = q?.trim() ?? '';
  if (text === '') return { filter: {}, sort: { ...NEWEST_FIRST } };
  return {
    filter: { $or: [{ $text: { $search: text } }, { sku: text }] },
    sort: { score: { $meta: 'textScore' }, ...NEWEST_FIRST },
  };
}
