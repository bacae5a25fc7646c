import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CONSUMPTION_OUTCOMES,
  DEAD_LETTER_REASONS,
  ORDER_REASONS,
  ORDER_STATUSES,
  type OrderTransitionView,
  type OrderAccepted,
  type OrderItemView,
  type OrderReason,
  type OrderStatus,
  type OrderView,
  type Page,
} from '@polyshop/contracts';

export class OrderAcceptedResponse implements OrderAccepted {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ORDER_STATUSES, example: 'PENDING' })
  status!: OrderStatus;
}

export class OrderItemResponse implements OrderItemView {
  @ApiProperty({ example: '665f1c2ab4d3e2f1a0b9c8d7' })
  productId!: string;

  @ApiProperty({ type: 'integer', example: 2 })
  quantity!: number;

  @ApiProperty({ type: 'integer', description: 'Minor units, the price when the order was placed' })
  unitPrice!: number;
}

export class OrderResponse implements OrderView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ORDER_STATUSES })
  status!: OrderStatus;

  @ApiProperty({ enum: ORDER_REASONS, nullable: true, description: 'Set once the order failed' })
  reason!: OrderReason | null;

  @ApiProperty({ type: [OrderItemResponse] })
  items!: OrderItemResponse[];

  @ApiProperty({ type: 'integer', description: 'Minor units' })
  total!: number;

  @ApiProperty({ example: 'EUR' })
  currency!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class OrderPageResponse implements Page<OrderView> {
  @ApiProperty({ type: [OrderResponse] })
  items!: OrderResponse[];

  @ApiProperty({ type: 'integer' })
  total!: number;
}

/** One point of the saga: an event published, a delivery handled, or a dead letter. */
export class TimelineEntryResponse {
  @ApiProperty({ enum: ['PUBLISHED', 'CONSUMED', 'DEAD_LETTERED'] })
  kind!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ type: String, nullable: true })
  eventId!: string | null;

  @ApiProperty({ example: 'order.placed.v1' })
  subject!: string;

  @ApiPropertyOptional({ description: 'PUBLISHED: the producer', example: 'order' })
  producer?: string;

  @ApiPropertyOptional({ description: 'PUBLISHED: the event that caused it', nullable: true })
  causationId?: string | null;

  @ApiPropertyOptional({ description: 'PUBLISHED: a compensation (release, refund)' })
  compensation?: boolean;

  @ApiPropertyOptional({ description: 'CONSUMED, DEAD_LETTERED: the consuming service' })
  service?: string;

  @ApiPropertyOptional({ type: 'integer', description: 'CONSUMED: delivery attempt, from 1' })
  attempt?: number;

  @ApiPropertyOptional({ enum: CONSUMPTION_OUTCOMES, description: 'CONSUMED' })
  outcome?: string;

  @ApiPropertyOptional({ enum: DEAD_LETTER_REASONS, description: 'DEAD_LETTERED: why' })
  reason?: string;

  @ApiPropertyOptional({
    description: 'DEAD_LETTERED: what failed; CONSUMED: why it had no effect, or what failed',
  })
  detail?: string;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'DEAD_LETTERED: sequence in the dead-letter stream, for a replay',
  })
  sequence?: number;
}

/** A saga participant's part of the timeline. */
export class TimelineParticipantResponse {
  @ApiProperty({ enum: ['order-service', 'inventory-service', 'payment-service'] })
  service!: string;

  @ApiProperty({ description: 'False when the service did not answer: its entries are missing' })
  available!: boolean;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description:
      "The service's current view of the order (order: status, reason, total, currency; " +
      'inventory: reservation, reason, items, expiresAt; payment: payment, amount, currency, ' +
      'failureReason, chargeAttempts, cancelRequested, refunds); null when unavailable',
  })
  state!: object | null;

  @ApiPropertyOptional({ description: 'Why it is unavailable' })
  error?: string;
}

export class OrderTransitionResponse implements OrderTransitionView {
  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ enum: ORDER_STATUSES, nullable: true, description: 'null for the placement' })
  from!: OrderStatus | null;

  @ApiProperty({ enum: ORDER_STATUSES })
  to!: OrderStatus;

  @ApiProperty({ enum: ORDER_REASONS, nullable: true })
  reason!: OrderReason | null;
}

export class OrderTimelineResponse {
  @ApiProperty({ format: 'uuid' })
  orderId!: string;

  @ApiProperty({ enum: ORDER_STATUSES })
  status!: OrderStatus;

  @ApiProperty({ enum: ORDER_REASONS, nullable: true })
  reason!: OrderReason | null;

  @ApiProperty({ format: 'date-time', description: 'When the order was placed' })
  placedAt!: string;

  @ApiProperty({ type: [TimelineParticipantResponse] })
  participants!: TimelineParticipantResponse[];

  @ApiProperty({ type: [TimelineEntryResponse], description: "Every participant's, by time" })
  entries!: TimelineEntryResponse[];

  @ApiProperty({ type: [OrderTransitionResponse], description: "order-service's status changes" })
  transitions!: OrderTransitionResponse[];
}
