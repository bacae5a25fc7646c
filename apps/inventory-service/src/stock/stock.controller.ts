import { Controller, Logger } from '@nestjs/common';
import { MessagePattern, Payload, Transport } from '@nestjs/microservices';
import { RPC_PATTERNS, validateRpcRequest, type RpcReply } from '@polyshop/contracts';
import { GetAvailabilityUseCase } from './get-availability.use-case';
import { rpcErrorReply } from './rpc-error-reply';
import { SetStockUseCase } from './set-stock.use-case';
import { StockError } from './stock.errors';

/** inventory's calls from the gateway (core-NATS request/reply): never throws to the caller. */
@Controller()
export class StockController {
  private readonly logger = new Logger(StockController.name);

  constructor(
    private readonly getAvailability: GetAvailabilityUseCase,
    private readonly setStock: SetStockUseCase,
  ) {}

  @MessagePattern(RPC_PATTERNS.INVENTORY_GET_AVAILABILITY, Transport.NATS)
  async onGetAvailability(
    @Payload() payload: unknown,
  ): Promise<RpcReply<'rpc.inventory.get-availability'>> {
    const checked = validateRpcRequest(RPC_PATTERNS.INVENTORY_GET_AVAILABILITY, payload);
    if (!checked.ok) return checked.error;
    return this.answer(() => this.getAvailability.execute(checked.request.productIds));
  }

  @MessagePattern(RPC_PATTERNS.INVENTORY_SET_STOCK, Transport.NATS)
  async onSetStock(@Payload() payload: unknown): Promise<RpcReply<'rpc.inventory.set-stock'>> {
    const checked = validateRpcRequest(RPC_PATTERNS.INVENTORY_SET_STOCK, payload);
    if (!checked.ok) return checked.error;
    const { productId, available } = checked.request;
    return this.answer(() => this.setStock.execute(productId, available));
  }

  private async answer<T>(work: () => Promise<T>): Promise<T | ReturnType<typeof rpcErrorReply>> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof StockError)) this.logger.error(error);
      return rpcErrorReply(error);
    }
  }
}
