import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RPC_PATTERNS, type Page, type ProductView } from '@polyshop/contracts';
import { Auth } from '../auth/auth.decorators';
import { ApiProblem } from '../docs/problem.response';
import { RpcClient } from '../rpc/rpc.client';
import {
  CreateProductBody,
  ListProductsQuery,
  ProductIdParams,
  UpdateProductBody,
} from './dto/product-requests.dto';
import {
  ProductDetailsResponse,
  ProductPageResponse,
  ProductResponse,
} from './dto/product.response';
import { GetProductDetailsUseCase, type ProductDetails } from './get-product-details.use-case';

@ApiTags('products')
@ApiProblem(400, 'Invalid query, path or body')
@ApiProblem(503, 'product-service is down')
@Controller('products')
export class ProductsController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly productDetails: GetProductDetailsUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Search the catalog' })
  @ApiOkResponse({ type: ProductPageResponse })
  list(@Query() query: ListProductsQuery): Promise<Page<ProductView>> {
    return this.rpc.call(RPC_PATTERNS.PRODUCTS_LIST, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A product with its availability (null while inventory is down)' })
  @ApiOkResponse({ type: ProductDetailsResponse })
  @ApiProblem(404, 'No such product')
  get(@Param() { id }: ProductIdParams): Promise<ProductDetails> {
    return this.productDetails.execute(id);
  }

  @Post()
  @Auth('admin')
  @ApiOperation({ summary: 'Add a product to the catalog with its initial stock' })
  @ApiCreatedResponse({ type: ProductResponse })
  @ApiProblem(409, 'SKU already used')
  create(@Body() body: CreateProductBody): Promise<ProductView> {
    return this.rpc.call(RPC_PATTERNS.PRODUCTS_CREATE, body);
  }

  @Patch(':id')
  @Auth('admin')
  @ApiOperation({ summary: 'Change the price, name or description of a product' })
  @ApiOkResponse({ type: ProductResponse })
  @ApiProblem(404, 'No such product')
  update(@Param() { id }: ProductIdParams, @Body() body: UpdateProductBody): Promise<ProductView> {
    return this.rpc.call(RPC_PATTERNS.PRODUCTS_UPDATE, { ...body, productId: id });
  }
}
