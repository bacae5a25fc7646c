import { Injectable } from '@nestjs/common';
import {
  RPC_PATTERNS,
  type OrderTimeline,
  type RequesterDto,
  type ServiceName,
  type TimelineEntry,
} from '@polyshop/contracts';
import { RpcClient } from '../rpc/rpc.client';

/** One saga participant's part of the timeline: its view of the order, or why it is missing. */
export interface ParticipantView {
  readonly service: ServiceName;
  readonly available: boolean;
  /** Its current view of the order; `null` when it did not answer. */
  readonly state: object | null;
  /** Why it is not available. */
  readonly error?: string;
}

/** `GET /orders/:id/timeline`: the whole saga of an order, as its three participants saw it. */
export interface SagaTimeline extends Pick<
  OrderTimeline,
  'orderId' | 'status' | 'reason' | 'placedAt' | 'transitions'
> {
  readonly participants: readonly ParticipantView[];
  /** Every participant's entries, sorted by time. */
  readonly entries: readonly TimelineEntry[];
}

type ParticipantPattern =
  typeof RPC_PATTERNS.INVENTORY_TIMELINE | typeof RPC_PATTERNS.PAYMENTS_TIMELINE;

/**
 * API composition (DESIGN.md 2.1, 8): order-service first, which checks that the caller may see
 * the order (its error, 404 or 503, is the answer); then inventory and payment at once, each
 * under the RPC deadline. A participant that fails or does not answer is `available: false`
 * with the reason, and its entries are missing: never a 5xx for the whole timeline.
 */
@Injectable()
export class GetOrderTimelineUseCase {
  constructor(private readonly rpc: RpcClient) {}

  async execute(orderId: string, requester: RequesterDto): Promise<SagaTimeline> {
    const order = await this.rpc.call(RPC_PATTERNS.ORDERS_TIMELINE, { orderId, requester });
    const others = await Promise.all([
      this.participant('inventory-service', RPC_PATTERNS.INVENTORY_TIMELINE, orderId),
      this.participant('payment-service', RPC_PATTERNS.PAYMENTS_TIMELINE, orderId),
    ]);
    const entries = [order.entries, ...others.map((other) => other.entries)]
      .flat()
      .map((entry, index) => ({ entry, index, at: Date.parse(entry.at) }))
      // Equal times keep the participants' own order.
      .sort((a, b) => a.at - b.at || a.index - b.index)
      .map(({ entry }) => entry);
    return {
      orderId,
      status: order.status,
      reason: order.reason,
      placedAt: order.placedAt,
      participants: [
        { service: 'order-service', available: true, state: order.state },
        ...others.map((other) => other.view),
      ],
      entries,
      transitions: order.transitions,
    };
  }

  private async participant(
    service: ServiceName,
    pattern: ParticipantPattern,
    orderId: string,
  ): Promise<{ view: ParticipantView; entries: readonly TimelineEntry[] }> {
    const answer = await this.rpc.callOptional(
      pattern,
      { orderId },
      `${service}'s timeline of ${orderId}`,
    );
    if (!answer.ok) {
      return { view: { service, available: false, state: null, error: answer.error }, entries: [] };
    }
    const { entries, state } = answer.response;
    return { view: { service, available: true, state }, entries };
  }
}
