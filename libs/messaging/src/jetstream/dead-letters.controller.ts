import { Controller, type Type } from '@nestjs/common';
import { MessagePattern, Payload, Transport } from '@nestjs/microservices';
import {
  DLQ_PATTERNS,
  type DeadLetterList,
  type DeadLetterView,
  type RpcReply,
} from '@polyshop/contracts';
import { createAnswerRpc } from '@polyshop/service-runtime';
import { NatsError } from 'nats';
import { DeadLetters, type DeadLetter } from './dead-letters';

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

/** The dead letters live in JetStream: a broker that cannot answer is this store's outage. */
const isBrokerUnavailable = (error: unknown) =>
  error instanceof NatsError && error.jsError() === null;

/**
 * The request/reply handlers that list and replay one service's dead letters
 * (`rpc.<area>.dlq.list|replay`), for the gateway and the console.
 */
export function deadLettersController(service: ConsumingService): Type<unknown> {
  const patterns = DLQ_PATTERNS[service];

  @Controller()
  class DeadLettersController {
    private readonly answerRpc = createAnswerRpc({ isStoreUnavailable: isBrokerUnavailable });

    constructor(private readonly deadLetters: DeadLetters) {}

    @MessagePattern(patterns.list, Transport.NATS)
    list(@Payload() payload: unknown): Promise<RpcReply<typeof patterns.list>> {
      return this.answerRpc(patterns.list, payload, async ({ limit, afterSequence }) => {
        const letters = await this.deadLetters.list(service, { limit, afterSeq: afterSequence });
        return { items: letters.map(toView) } satisfies DeadLetterList;
      });
    }

    @MessagePattern(patterns.replay, Transport.NATS)
    replay(@Payload() payload: unknown): Promise<RpcReply<typeof patterns.replay>> {
      return this.answerRpc(patterns.replay, payload, async ({ sequence }) => {
        const letter = await this.deadLetters.replay(sequence, service);
        return {
          sequence,
          originalSubject: letter.subject,
          eventId: envelopeIds(letter.payload).eventId,
        };
      });
    }
  }
  return DeadLettersController;
}
