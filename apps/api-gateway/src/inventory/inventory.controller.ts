import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RPC_PATTERNS, type Availability } from '@polyshop/contracts';
import { Auth } from '../auth/auth.decorators';
import { ApiProblem } from '../docs/problem.response';
import { RpcClient } from '../rpc/rpc.client';
import { InventoryParams, SetStockBody, StockResponse } from './dto/set-stock.dto';

@ApiTags('inventory')
@Controller('inventory')
export class InventoryController {
  constructor(private readonly rpc: RpcClient) {}

  @Put(':productId')
  @Auth('admin')
  @ApiOperation({ summary: 'Set the units available of a product' })
  @ApiOkResponse({ type: StockResponse })
  @ApiProblem(400, 'Invalid path or body')
  @ApiProblem(404, 'Inventory does not know it')
  @ApiProblem(503, 'inventory is down')
  setStock(
    @Param() { productId }: InventoryParams,
    @Body() body: SetStockBody,
  ): Promise<Availability> {
    return this.rpc.call(RPC_PATTERNS.INVENTORY_SET_STOCK, { ...body, productId });
  }
}
