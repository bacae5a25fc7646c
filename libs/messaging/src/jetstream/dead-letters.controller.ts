import { Controller, type Type } from '@nestjs/common';
import { MessagePattern, Payload, Transport } from '@nestjs/microservices';
import {
  DLQ_PATTERNS,
  rpcError,
  validateRpcRequest,
  type DeadLetterList,
  type DeadLetterView,
  type ReplayedDeadLetter,
  type RpcErrorReply,
} from '@polyshop/contracts';
import { NatsError } from 'nats';
import { DeadLetterNotFound, DeadLetters, type DeadLetter } from './dead-letters';

type ConsumingService = keyof typeof DLQ_PATTERNS;

const envelopeIds = (payload: string): Pick<DeadLetterView, 'eventId' | 'correlationId'> => {
  try {
    const parsed: unknown = JSON.parse(payload);
    const field = (name: string) => {
      const value = (parsed as Record<string, unknown> | null)?.[name];
      return typeof value === 'string' ? value : null;
    };
    return { eventId: field('id'), correlationId: field('correlationId') };
  } catch {
    return { eventId: null, correlationId: null };
  }
};

const toView = (letter: DeadLetter): DeadLetterView => ({
  sequence: letter.seq,
  subject: `dlq.${letter.service}.${letter.subject}`,
  originalSubject: letter.subject,
  consumer: letter.service,
  reason: letter.reason,
  detail: letter.detail,
  deliveries: letter.attempts,
  deadLetteredAt: letter.deadLetteredAt,
  ...envelopeIds(letter.payload),
});

/**
 * The request/reply handlers that list and replay one service's dead letters
 * (`rpc.<area>.dlq.list|replay`), for the gateway and the console.
 */
export function deadLettersController(service: ConsumingService): Type<unknown> {
  const patterns = DLQ_PATTERNS[service];

  @Controller()
  class DeadLettersController {
    constructor(private readonly deadLetters: DeadLetters) {}

    @MessagePattern(patterns.list, Transport.NATS)
    async list(@Payload() payload: unknown): Promise<DeadLetterList | RpcErrorReply> {
      const checked = validateRpcRequest(patterns.list, payload ?? {});
      if (!checked.ok) return checked.error;
      const { limit, afterSequence } = checked.request;
      const letters = await this.deadLetters.list(service, { limit, afterSeq: afterSequence });
      return { items: letters.map(toView) };
    }

    @MessagePattern(patterns.replay, Transport.NATS)
    async replay(@Payload() payload: unknown): Promise<ReplayedDeadLetter | RpcErrorReply> {
      const checked = validateRpcRequest(patterns.replay, payload);
      if (!checked.ok) return checked.error;
      const { sequence } = checked.request;
      try {
        const letter = await this.deadLetters.replay(sequence, service);
        return {
          sequence,
          originalSubject: letter.subject,
          eventId: envelopeIds(letter.payload).eventId,
        };
      } catch (error) {
        const missing = error instanceof NatsError && error.jsError()?.code === 404;
        if (missing || error instanceof DeadLetterNotFound) {
          return rpcError('DLQ.NOT_FOUND', `no dead letter ${sequence} for ${service}`);
        }
        throw error;
      }
    }
  }
  return DeadLettersController;
}
