import { ApiProperty, OmitType } from '@nestjs/swagger';
import { IsProductId, SetStockRequest, type Availability } from '@polyshop/contracts';
import { documentFields } from '../../docs/document-fields';

/** Path of `/inventory/:productId`. */
export class InventoryParams {
  @ApiProperty({ description: '24-hex product id', example: '665f1c2ab4d3e2f1a0b9c8d7' })
  @IsProductId()
  productId!: string;
}

/** `PUT /inventory/:productId` (admin): the rules of `rpc.inventory.set-stock`. */
export class SetStockBody extends OmitType(SetStockRequest, ['productId'] as const) {}
documentFields(SetStockBody, {
  available: {
    type: 'integer',
    description: 'Units available from now on',
    minimum: 0,
    example: 25,
  },
});

export class StockResponse implements Availability {
  @ApiProperty({ example: '665f1c2ab4d3e2f1a0b9c8d7' })
  productId!: string;

  @ApiProperty({ type: 'integer', example: 25 })
  available!: number;
}
