import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray } from 'class-validator';
import { IsCount, IsProductId } from '../validation/field-decorators';
import { MAX_PAGE_SIZE } from './common.dto';
import { defineRpc } from './rpc-definition';
import { ParticipantTimelineRequest, type ParticipantTimeline } from './timeline.rpc';

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

/** inventory-service's view of an order in its timeline. */
export interface InventoryOrderState {
  /** `HELD`, `COMMITTED`, `RELEASED`, `REJECTED`, `CANCELLED` (a tombstone); `null`: none. */
  readonly reservation: string | null;
  /** Why it was released or rejected. */
  readonly reason: string | null;
  readonly items: readonly { readonly productId: string; readonly quantity: number }[];
  /** A held reservation's deadline. */
  readonly expiresAt: string | null;
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
  'rpc.inventory.timeline': defineRpc<
    ParticipantTimelineRequest,
    ParticipantTimeline<InventoryOrderState>
  >('inventory-service', ParticipantTimelineRequest),
} as const;
