import { Schema, type Types } from 'mongoose';

/** Name of the products model (`@InjectModel(PRODUCT_MODEL)`). */
export const PRODUCT_MODEL = 'Product';

/** Names of the products collection's indexes, so errors and tests can refer to them. */
export const PRODUCT_INDEXES = {
  sku: 'products_sku_unique',
  text: 'products_text',
  newestFirst: 'products_newest_first',
} as const;

/** A product as stored in the `products` collection. */
export interface ProductDocument {
  _id: Types.ObjectId;
  sku: string;
  name: string;
  description: string | null;
  /** Minor units. */
  price: number;
  currency: string;
  /** Optimistic concurrency guard, incremented by every update. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const integer = { validator: Number.isInteger, message: '{PATH} must be an integer' };

/**
 * The `products` collection. Indexes are declared here and synced at boot by
 * `ProductsRepository` (no `autoIndex`); `createdAt`, `updatedAt` and `version` are written by
 * the use cases, not by Mongoose's timestamps or `__v`, so every write is an explicit
 * insert or conditional update.
 */
export const ProductSchema = new Schema<ProductDocument>(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    sku: { type: String, required: true },
    name: { type: String, required: true },
    description: { type: String, default: null },
    price: { type: Number, required: true, min: 0, validate: integer },
    currency: { type: String, required: true },
    version: { type: Number, required: true, min: 0, validate: integer },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  {
    collection: 'products',
    versionKey: false,
    autoIndex: false,
    autoCreate: false,
    strict: 'throw',
  },
);

ProductSchema.index({ sku: 1 }, { unique: true, name: PRODUCT_INDEXES.sku });
// Catalog search (`$text`): a word of the name counts more than one of the description.
ProductSchema.index(
  { name: 'text', description: 'text' },
  { name: PRODUCT_INDEXES.text, weights: { name: 5, description: 1 }, default_language: 'english' },
);
// The catalog's default order, newest first, paged without sorting the whole collection.
ProductSchema.index({ createdAt: -1, _id: -1 }, { name: PRODUCT_INDEXES.newestFirst });
