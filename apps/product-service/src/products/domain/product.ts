/** A product of the catalog. Prices are integer minor units of `currency`. */
export interface Product {
  /** 24-hex MongoDB ObjectId, the product id of every contract. */
  readonly id: string;
  readonly sku: string;
  readonly name: string;
  readonly description: string | null;
  readonly price: number;
  readonly currency: string;
  /** Incremented by every update; an update applies only to the version it was planned on. */
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What an admin gives to list a product. */
export interface NewProductFields {
  readonly sku: string;
  readonly name: string;
  readonly description?: string;
  readonly price: number;
  readonly currency: string;
}

/** The fields an update may change; absent ones stay as they are. */
export interface ProductChanges {
  readonly price?: number;
  readonly name?: string;
  readonly description?: string;
}

/** An empty description is no description: the catalog shows `null`, never `""`. */
const descriptionOf = (description: string | undefined): string | null =>
  description === undefined || description === '' ? null : description;

/** A product as it enters the catalog, at version 0. */
export function newProduct(id: string, fields: NewProductFields, now: Date): Product {
  return {
    id,
    sku: fields.sku,
    name: fields.name,
    description: descriptionOf(fields.description),
    price: fields.price,
    currency: fields.currency,
    version: 0,
    createdAt: now,
    updatedAt: now,
  };
}

/** What applying changes to a product amounts to. */
export type ProductUpdatePlan =
  | { readonly kind: 'unchanged' }
  | {
      readonly kind: 'changed';
      /** The product after the update, one version later. */
      readonly updated: Product;
      /** The price before the update when the price changes (an event is due), else `null`. */
      readonly previousPrice: number | null;
    };

/**
 * Plans an update: changes equal to the current values are no change, so an update that
 * changes nothing writes nothing and a price set to its current value emits no event.
 */
export function planProductUpdate(
  current: Product,
  changes: ProductChanges,
  now: Date,
): ProductUpdatePlan {
  const price = changes.price ?? current.price;
  const name = changes.name ?? current.name;
  const description =
    changes.description === undefined ? current.description : descriptionOf(changes.description);
  if (price === current.price && name === current.name && description === current.description) {
    return { kind: 'unchanged' };
  }
  return {
    kind: 'changed',
    updated: {
      ...current,
      price,
      name,
      description,
      version: current.version + 1,
      updatedAt: now,
    },
    previousPrice: price === current.price ? null : current.price,
  };
}
