import { ApiProperty } from '@nestjs/swagger';
import {
  DEAD_LETTER_REASONS,
  ORDER_REASONS,
  ORDER_STATUSES,
  type AdminOrderView,
  type DeadLetterView,
  type OrderReason,
  type OrderStatus,
  type Page,
  type ReplayedDeadLetter,
  type SagaStats,
  type ServiceName,
} from '@polyshop/contracts';
import { OrderResponse } from '../../orders/dto/order.response';
import { CONSUMING_SERVICES } from './admin-requests.dto';

export class AdminOrderResponse extends OrderResponse implements AdminOrderView {
  @ApiProperty({ format: 'uuid', description: 'Its owner' })
  userId!: string;
}

export class AdminOrderPageResponse implements Page<AdminOrderView> {
  @ApiProperty({ type: [AdminOrderResponse], description: 'Newest first' })
  items!: AdminOrderResponse[];

  @ApiProperty({ type: 'integer' })
  total!: number;
}

const countsOf = (keys: readonly string[], description: string) =>
  ApiProperty({
    type: 'object',
    properties: Object.fromEntries(keys.map((key) => [key, { type: 'integer' }])),
    description,
  });

export class SagaStatsResponse implements SagaStats {
  @countsOf(ORDER_STATUSES, 'Orders per status, every status listed')
  byStatus!: Record<OrderStatus, number>;

  @countsOf(ORDER_REASONS, 'Failed orders per reason, reasons without orders left out')
  byReason!: Partial<Record<OrderReason, number>>;
}

export class DeadLetterResponse implements DeadLetterView {
  @ApiProperty({ type: 'integer', description: 'In the DEAD_LETTERS stream: what replay takes' })
  sequence!: number;

  @ApiProperty({ example: 'dlq.payment-service.order.placed.v1' })
  subject!: string;

  @ApiProperty({ example: 'order.placed.v1' })
  originalSubject!: string;

  @ApiProperty({ enum: CONSUMING_SERVICES, description: 'The service that gave up on it' })
  consumer!: ServiceName;

  @ApiProperty({ enum: DEAD_LETTER_REASONS })
  reason!: DeadLetterView['reason'];

  @ApiProperty()
  detail!: string;

  @ApiProperty({ type: String, nullable: true })
  eventId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The order id of a saga event' })
  correlationId!: string | null;

  @ApiProperty({ type: 'integer' })
  deliveries!: number;

  @ApiProperty({ format: 'date-time' })
  deadLetteredAt!: string;
}

export class DeadLetterListResponse {
  @ApiProperty({ type: [DeadLetterResponse], description: "Every service's, oldest first" })
  items!: DeadLetterResponse[];

  @ApiProperty({
    type: [String],
    enum: CONSUMING_SERVICES,
    description: 'Services that did not answer: their dead letters are missing',
  })
  unavailable!: ServiceName[];
}

export class ReplayedDeadLetterResponse implements ReplayedDeadLetter {
  @ApiProperty({ type: 'integer' })
  sequence!: number;

  @ApiProperty({ example: 'order.placed.v1' })
  originalSubject!: string;

  @ApiProperty({ type: String, nullable: true })
  eventId!: string | null;
}
