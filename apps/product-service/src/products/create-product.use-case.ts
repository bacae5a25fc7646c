import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { CreateProductRequest } from '@polyshop/contracts';
import { MongoOutboxStore, OutboxRelay, createOutgoingEvent } from '@polyshop/messaging';
import type { Connection } from 'mongoose';
import { newProduct, type Product } from './domain/product';
import { productCreatedData } from './domain/product-event-data';
import { ProductsRepository } from './persistence/products.repository';
import { productEventOptions } from './product-event-options';

/**
 * Lists a new product: the product and its `product.created.v1` (with the initial stock that
 * inventory opens with) are written in one MongoDB transaction, then the relay is kicked.
 * The gateway checked that the caller is an admin.
 */
@Injectable()
export class CreateProductUseCase {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly products: ProductsRepository,
    private readonly outbox: MongoOutboxStore,
    private readonly relay: OutboxRelay,
  ) {}

  async execute(request: CreateProductRequest): Promise<Product> {
    const product = await this.connection.transaction(async (session) => {
      const created = newProduct(this.products.nextId(), request, new Date());
      await this.products.insert(created, session);
      const event = createOutgoingEvent(
        'product.created.v1',
        productCreatedData(created, request.initialStock),
        productEventOptions(created.id),
      );
      await this.outbox.append([event], session);
      return created;
    });
    this.relay.kick();
    return product;
  }
}
