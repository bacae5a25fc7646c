import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Types, type ClientSession, type Model } from 'mongoose';
import type { Product } from '../domain/product';
import { ProductSkuTakenError } from '../domain/product.errors';
import { catalogQuery } from './catalog-query';
import { isDuplicateKeyOn } from './duplicate-key';
import { PRODUCT_INDEXES, PRODUCT_MODEL, type ProductDocument } from './product.schema';

/** One page of the catalog and the number of products matching in all. */
export interface ProductPage {
  readonly items: readonly Product[];
  readonly total: number;
}

export interface CatalogSearch {
  readonly q?: string;
  readonly limit: number;
  readonly offset: number;
}

const toProduct = (doc: ProductDocument): Product => ({
  id: doc._id.toHexString(),
  sku: doc.sku,
  name: doc.name,
  description: doc.description ?? null,
  price: doc.price,
  currency: doc.currency,
  version: doc.version,
  createdAt: doc.createdAt,
  updatedAt: doc.updatedAt,
});

const toDocument = (product: Product): ProductDocument => ({
  _id: new Types.ObjectId(product.id),
  sku: product.sku,
  name: product.name,
  description: product.description,
  price: product.price,
  currency: product.currency,
  version: product.version,
  createdAt: product.createdAt,
  updatedAt: product.updatedAt,
});

/**
 * The `products` collection. Writes take the caller's session, so they belong to its
 * transaction together with the outbox append.
 */
@Injectable()
export class ProductsRepository implements OnModuleInit {
  constructor(@InjectModel(PRODUCT_MODEL) private readonly model: Model<ProductDocument>) {}

  /**
   * The index sync at boot that stands in for `autoIndex`: creates the collection (a
   * transaction cannot), then makes its indexes exactly the schema's (missing ones built,
   * unknown ones dropped).
   */
  async onModuleInit(): Promise<void> {
    await this.model.createCollection();
    await this.model.syncIndexes();
  }

  /** A fresh product id (an ObjectId, as the contracts expect). */
  nextId(): string {
    return new Types.ObjectId().toHexString();
  }

  /** Inserts a new product; its SKU already in the catalog is a `ProductSkuTakenError`. */
  async insert(product: Product, session: ClientSession): Promise<void> {
    try {
      await this.model.insertMany([toDocument(product)], { session });
    } catch (error) {
      if (isDuplicateKeyOn(error, PRODUCT_INDEXES.sku, 'sku')) {
        throw new ProductSkuTakenError(product.sku);
      }
      throw error;
    }
  }

  async findById(id: string, session?: ClientSession): Promise<Product | null> {
    const doc = await this.model
      .findById<ProductDocument>(new Types.ObjectId(id), null, { session })
      .lean<ProductDocument>()
      .exec();
    return doc === null ? null : toProduct(doc);
  }

  /**
   * Writes `updated` over the stored product only if that one is still at `expectedVersion`.
   * False means another update won the race: plan again on what it wrote.
   */
  async updateIfVersion(
    updated: Product,
    expectedVersion: number,
    session: ClientSession,
  ): Promise<boolean> {
    const { matchedCount } = await this.model
      .updateOne(
        { _id: new Types.ObjectId(updated.id), version: expectedVersion },
        {
          $set: {
            name: updated.name,
            description: updated.description,
            price: updated.price,
            version: updated.version,
            updatedAt: updated.updatedAt,
          },
        },
        { session },
      )
      .exec();
    return matchedCount === 1;
  }

  /** A page of the catalog, optionally searched (see `catalogQuery`). */
  async search({ q, limit, offset }: CatalogSearch): Promise<ProductPage> {
    const { filter, sort } = catalogQuery(q);
    const [docs, total] = await Promise.all([
      this.model.find(filter).sort(sort).skip(offset).limit(limit).lean<ProductDocument[]>().exec(),
      this.model.countDocuments(filter).exec(),
    ]);
    return { items: docs.map(toProduct), total };
  }
}
