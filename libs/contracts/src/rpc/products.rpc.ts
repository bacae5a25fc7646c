import { IsOptional, IsString, Length, MaxLength } from 'class-validator';
import {
  IsAmount,
  IsCount,
  IsCurrencyCode,
  IsProductId,
  IsSku,
} from '../validation/field-decorators';
import { PageRequest, type Page } from './common.dto';
import { defineRpc } from './rpc-definition';

/** A product as the catalog shows it. */
export interface ProductView {
  readonly id: string;
  readonly sku: string;
  readonly name: string;
  readonly description: string | null;
  /** Minor units. */
  readonly price: number;
  readonly currency: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** `rpc.products.list` (GET /products): a search on name and SKU, paged. */
export class ListProductsRequest extends PageRequest {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

/** `rpc.products.get` (GET /products/:id). */
export class GetProductRequest {
  @IsProductId()
  productId!: string;
}

/** `rpc.products.create` (POST /products, admin). */
export class CreateProductRequest {
  @IsSku()
  sku!: string;

  @IsString()
  @Length(1, 200)
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @IsAmount()
  price!: number;

  @IsCurrencyCode()
  currency!: string;

  @IsCount(0)
  initialStock!: number;
}

/** `rpc.products.update` (PATCH /products/:id, admin): only the given fields change. */
export class UpdateProductRequest {
  @IsProductId()
  productId!: string;

  @IsOptional()
  @IsAmount()
  price?: number;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

/** Calls answered by product-service. */
export const PRODUCTS_RPC = {
  'rpc.products.list': defineRpc<ListProductsRequest, Page<ProductView>>(
    'product-service',
    ListProductsRequest,
  ),
  'rpc.products.get': defineRpc<GetProductRequest, ProductView>(
    'product-service',
    GetProductRequest,
  ),
  'rpc.products.create': defineRpc<CreateProductRequest, ProductView>(
    'product-service',
    CreateProductRequest,
  ),
  'rpc.products.update': defineRpc<UpdateProductRequest, ProductView>(
    'product-service',
    UpdateProductRequest,
  ),
} as const;
