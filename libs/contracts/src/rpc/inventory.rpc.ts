import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray } from 'class-validator';
import { IsCount, IsProductId } from '../validation/field-decorators';
import { MAX_PAGE_SIZE } from './common.dto';
import { defineRpc } from './rpc-definition';

/** Units of a product that can still be ordered. */
export interface Availability {
  readonly productId: string;
  readonly available: number;
}

/** `rpc.inventory.get-availability`: availability of up to 100 products at once. */
export class GetAvailabilityRequest {
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_PAGE_SIZE)
  @ArrayUnique()
  @IsProductId({ each: true })
  productIds!: string[];
}

/** Reply of `rpc.inventory.get-availability`; products inventory never heard of are left out. */
export interface AvailabilityList {
  readonly items: readonly Availability[];
}

/** `rpc.inventory.set-stock` (PUT /inventory/:productId, admin): sets the available units. */
export class SetStockRequest {
  @IsProductId()
  productId!: string;

  @IsCount(0)
  available!: number;
}

/** Calls answered by inventory-service. */
export const INVENTORY_RPC = {
  'rpc.inventory.get-availability': defineRpc<GetAvailabilityRequest, AvailabilityList>(
    'inventory-service',
    GetAvailabilityRequest,
  ),
  'rpc.inventory.set-stock': defineRpc<SetStockRequest, Availability>(
    'inventory-service',
    SetStockRequest,
  ),
} as const;
