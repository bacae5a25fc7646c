import { Controller, Logger } from '@nestjs/common';
import { MessagePattern, Payload, Transport } from '@nestjs/microservices';
import { RPC_PATTERNS, type RpcReply } from '@polyshop/contracts';
import { createAnswerRpc } from '@polyshop/service-runtime';
import { isStoreUnavailable } from '../redis/store-unavailable';
import { JournalRepository } from './journal.repository';

/**
 * `rpc.inventory.timeline`: inventory's part of an order's saga timeline, its journal and its
 * reservation. Ownership was checked by the gateway with order-service.
 */
@Controller()
export class TimelineController {
  private readonly answerRpc = createAnswerRpc({
    isStoreUnavailable,
    logger: new Logger(TimelineController.name),
  });

  constructor(private readonly journal: JournalRepository) {}

  @MessagePattern(RPC_PATTERNS.INVENTORY_TIMELINE, Transport.NATS)
  timeline(@Payload() payload: unknown): Promise<RpcReply<'rpc.inventory.timeline'>> {
    return this.answerRpc(RPC_PATTERNS.INVENTORY_TIMELINE, payload, ({ orderId }) =>
      this.journal.read(orderId),
    );
  }
}
