import { Controller, Logger } from '@nestjs/common';
import { MessagePattern, Payload, Transport } from '@nestjs/microservices';
import { RPC_PATTERNS, type RpcReply } from '@polyshop/contracts';
import { createAnswerRpc } from '@polyshop/service-runtime';
import { isStoreUnavailable } from '../redis/store-unavailable';
import { GetAvailabilityUseCase } from './get-availability.use-case';
import { SetStockUseCase } from './set-stock.use-case';

/** inventory's calls from the gateway (core-NATS request/reply): never throws to the caller. */
@Controller()
export class StockController {
  private readonly answerRpc = createAnswerRpc({
    isStoreUnavailable,
    logger: new Logger(StockController.name),
  });

  constructor(
    private readonly getAvailability: GetAvailabilityUseCase,
    private readonly setStock: SetStockUseCase,
  ) {}

  @MessagePattern(RPC_PATTERNS.INVENTORY_GET_AVAILABILITY, Transport.NATS)
  onGetAvailability(
    @Payload() payload: unknown,
  ): Promise<RpcReply<'rpc.inventory.get-availability'>> {
    return this.answerRpc(RPC_PATTERNS.INVENTORY_GET_AVAILABILITY, payload, ({ productIds }) =>
      this.getAvailability.execute(productIds),
    );
  }

  @MessagePattern(RPC_PATTERNS.INVENTORY_SET_STOCK, Transport.NATS)
  onSetStock(@Payload() payload: unknown): Promise<RpcReply<'rpc.inventory.set-stock'>> {
    return this.answerRpc(RPC_PATTERNS.INVENTORY_SET_STOCK, payload, ({ productId, available }) =>
      this.setStock.execute(productId, available),
    );
  }
}
