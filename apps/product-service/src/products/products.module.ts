import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OutboxInboxModule } from '../messaging/outbox-inbox.module';
import { CreateProductUseCase } from './create-product.use-case';
import { GetProductUseCase } from './get-product.use-case';
import { ListProductsUseCase } from './list-products.use-case';
import { PRODUCT_MODEL, ProductSchema } from './persistence/product.schema';
import { ProductsRepository } from './persistence/products.repository';
import { ProductsController } from './products.controller';
import { UpdateProductUseCase } from './update-product.use-case';

/** The catalog: products, their prices, and the events that replicate them to other services. */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: PRODUCT_MODEL, schema: ProductSchema }]),
    OutboxInboxModule,
  ],
  controllers: [ProductsController],
  providers: [
    ProductsRepository,
    CreateProductUseCase,
    UpdateProductUseCase,
    GetProductUseCase,
    ListProductsUseCase,
  ],
})
export class ProductsModule {}
