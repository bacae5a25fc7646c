import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { UpdateProductRequest } from '@polyshop/contracts';
import { MongoOutboxStore, OutboxRelay, createOutgoingEvent } from '@polyshop/messaging';
import type { Connection } from 'mongoose';
import { planProductUpdate, type Product } from './domain/product';
import { productPriceChangedData } from './domain/product-event-data';
import { ProductNotFoundError } from './domain/product.errors';
import { ProductsRepository } from './persistence/products.repository';
import { productEventOptions } from './product-event-options';

/** Plans made on a version another update overtook are planned again, this many times at most. */
const MAX_ATTEMPTS = 5;

type Outcome =
  | { readonly kind: 'done'; readonly product: Product; readonly appended: boolean }
  | { readonly kind: 'overtaken' };

/**
 * Changes a product's price, name or description. A price change appends
 * `product.price-changed.v1` (with the previous price) in the same transaction; other changes
 * emit nothing. The write is conditional on the version read, so concurrent updates apply one
 * after the other and each price event names the price it replaced.
 */
@Injectable()
export class UpdateProductUseCase {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly products: ProductsRepository,
    private readonly outbox: MongoOutboxStore,
    private readonly relay: OutboxRelay,
  ) {}

  async execute({ productId, ...changes }: UpdateProductRequest): Promise<Product> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const outcome = await this.connection.transaction(async (session): Promise<Outcome> => {
        const current = await this.products.findById(productId, session);
        if (current === null) throw new ProductNotFoundError(productId);
        const plan = planProductUpdate(current, changes, new Date());
        if (plan.kind === 'unchanged') return { kind: 'done', product: current, appended: false };
        if (!(await this.products.updateIfVersion(plan.updated, current.version, session))) {
          return { kind: 'overtaken' };
        }
        if (plan.previousPrice === null) {
          return { kind: 'done', product: plan.updated, appended: false };
        }
        const event = createOutgoingEvent(
          'product.price-changed.v1',
          productPriceChangedData(plan.updated, plan.previousPrice),
          productEventOptions(productId),
        );
        await this.outbox.append([event], session);
        return { kind: 'done', product: plan.updated, appended: true };
      });
      if (outcome.kind === 'done') {
        if (outcome.appended) this.relay.kick();
        return outcome.product;
      }
    }
    throw new Error(`product ${productId}: overtaken by concurrent updates ${MAX_ATTEMPTS} times`);
  }
}
