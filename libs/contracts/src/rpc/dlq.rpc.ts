import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { ServiceName } from '../services';
import type { DeadLetterReason } from '../streams';
import { MAX_PAGE_SIZE } from './common.dto';
import { defineRpc } from './rpc-definition';

/** `rpc.<area>.dlq.list`: the dead letters of one consumer service, oldest first. */
export class ListDeadLettersRequest {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  /** Only dead letters after this `DEAD_LETTERS` stream sequence (paging). */
  @IsOptional()
  @IsInt()
  @Min(0)
  afterSequence?: number;
}

/** `rpc.<area>.dlq.replay`: republishes one dead letter on its original subject. */
export class ReplayDeadLetterRequest {
  /** Sequence of the dead letter in the `DEAD_LETTERS` stream. */
  @IsInt()
  @Min(1)
  sequence!: number;
}

/** A dead letter as listed. */
export interface DeadLetterView {
  readonly sequence: number;
  /** `dlq.<consumer-service>.<original subject>`. */
  readonly subject: string;
  readonly originalSubject: string;
  readonly consumer: ServiceName;
  readonly reason: DeadLetterReason;
  readonly detail: string;
  /** Envelope id, when the message was parseable far enough to have one. */
  readonly eventId: string | null;
  readonly correlationId: string | null;
  /** Deliveries to the consumer before it gave up. */
  readonly deliveries: number;
  readonly deadLetteredAt: string;
}

/** Reply of `rpc.<area>.dlq.list`. */
export interface DeadLetterList {
  readonly items: readonly DeadLetterView[];
}

/** Reply of `rpc.<area>.dlq.replay`. */
export interface ReplayedDeadLetter {
  readonly sequence: number;
  readonly originalSubject: string;
  readonly eventId: string | null;
}

/** Dead-letter calls, one pair per service that consumes events. */
export const DLQ_RPC = {
  'rpc.orders.dlq.list': defineRpc<ListDeadLettersRequest, DeadLetterList>(
    'order-service',
    ListDeadLettersRequest,
  ),
  'rpc.orders.dlq.replay': defineRpc<ReplayDeadLetterRequest, ReplayedDeadLetter>(
    'order-service',
    ReplayDeadLetterRequest,
  ),
  'rpc.inventory.dlq.list': defineRpc<ListDeadLettersRequest, DeadLetterList>(
    'inventory-service',
    ListDeadLettersRequest,
  ),
  'rpc.inventory.dlq.replay': defineRpc<ReplayDeadLetterRequest, ReplayedDeadLetter>(
    'inventory-service',
    ReplayDeadLetterRequest,
  ),
  'rpc.payments.dlq.list': defineRpc<ListDeadLettersRequest, DeadLetterList>(
    'payment-service',
    ListDeadLettersRequest,
  ),
  'rpc.payments.dlq.replay': defineRpc<ReplayDeadLetterRequest, ReplayedDeadLetter>(
    'payment-service',
    ReplayDeadLetterRequest,
  ),
} as const;

/** The dead-letter patterns of each consumer service, for the gateway to fan out over. */
export const DLQ_PATTERNS = {
  'order-service': { list: 'rpc.orders.dlq.list', replay: 'rpc.orders.dlq.replay' },
  'inventory-service': { list: 'rpc.inventory.dlq.list', replay: 'rpc.inventory.dlq.replay' },
  'payment-service': { list: 'rpc.payments.dlq.list', replay: 'rpc.payments.dlq.replay' },
} as const satisfies Partial<
  Record<ServiceName, { list: keyof typeof DLQ_RPC; replay: keyof typeof DLQ_RPC }>
>;
