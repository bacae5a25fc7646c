import { Controller, Logger } from '@nestjs/common';
import { MessagePattern, Payload, Transport } from '@nestjs/microservices';
import { RPC_PATTERNS, type RpcReply } from '@polyshop/contracts';
import { createAnswerRpc, isPostgresUnavailable } from '@polyshop/service-runtime';
import { PaymentTimelineUseCase } from './payment-timeline.use-case';

/** The gateway's calls about payments, over core-NATS request/reply. */
@Controller()
export class PaymentsController {
  private readonly answerRpc = createAnswerRpc({
    isStoreUnavailable: isPostgresUnavailable,
    logger: new Logger(PaymentsController.name),
  });

  constructor(private readonly paymentTimeline: PaymentTimelineUseCase) {}

  @MessagePattern(RPC_PATTERNS.PAYMENTS_TIMELINE, Transport.NATS)
  timeline(@Payload() payload: unknown): Promise<RpcReply<'rpc.payments.timeline'>> {
    return this.answerRpc(RPC_PATTERNS.PAYMENTS_TIMELINE, payload, ({ orderId }) =>
      this.paymentTimeline.execute(orderId),
    );
  }
}
