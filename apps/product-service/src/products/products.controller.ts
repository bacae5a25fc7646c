import { Controller, Logger } from '@nestjs/common';
import { MessagePattern, Payload, Transport } from '@nestjs/microservices';
import { RPC_PATTERNS, type RpcReply } from '@polyshop/contracts';
import { createAnswerRpc } from '@polyshop/service-runtime';
import { isStoreUnavailable } from '../database/store-unavailable';
import { CreateProductUseCase } from './create-product.use-case';
import { toProductView } from './dto/product-view.dto';
import { GetProductUseCase } from './get-product.use-case';
import { ListProductsUseCase } from './list-products.use-case';
import { UpdateProductUseCase } from './update-product.use-case';

/** The catalog's core-NATS calls, sent by the gateway (which checked admin rights for writes). */
@Controller()
export class ProductsController {
  private readonly answerRpc = createAnswerRpc({
    isStoreUnavailable,
    logger: new Logger(ProductsController.name),
  });

  constructor(
    private readonly createProduct: CreateProductUseCase,
    private readonly updateProduct: UpdateProductUseCase,
    private readonly getProduct: GetProductUseCase,
    private readonly listProducts: ListProductsUseCase,
  ) {}

  @MessagePattern(RPC_PATTERNS.PRODUCTS_CREATE, Transport.NATS)
  create(@Payload() payload: unknown): Promise<RpcReply<'rpc.products.create'>> {
    return this.answerRpc(RPC_PATTERNS.PRODUCTS_CREATE, payload, async (request) =>
      toProductView(await this.createProduct.execute(request)),
    );
  }

  @MessagePattern(RPC_PATTERNS.PRODUCTS_UPDATE, Transport.NATS)
  update(@Payload() payload: unknown): Promise<RpcReply<'rpc.products.update'>> {
    return this.answerRpc(RPC_PATTERNS.PRODUCTS_UPDATE, payload, async (request) =>
      toProductView(await this.updateProduct.execute(request)),
    );
  }

  @MessagePattern(RPC_PATTERNS.PRODUCTS_GET, Transport.NATS)
  get(@Payload() payload: unknown): Promise<RpcReply<'rpc.products.get'>> {
    return this.answerRpc(RPC_PATTERNS.PRODUCTS_GET, payload, async (request) =>
      toProductView(await this.getProduct.execute(request)),
    );
  }

  @MessagePattern(RPC_PATTERNS.PRODUCTS_LIST, Transport.NATS)
  list(@Payload() payload: unknown): Promise<RpcReply<'rpc.products.list'>> {
    return this.answerRpc(RPC_PATTERNS.PRODUCTS_LIST, payload, async (request) => {
      const { items, total } = await this.listProducts.execute(request);
      return { items: items.map(toProductView), total };
    });
  }
}
