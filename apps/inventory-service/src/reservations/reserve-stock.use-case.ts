import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { OutboxRelay } from '@polyshop/messaging';
import type { InventoryServiceEnv } from '../config/inventory-service.env';
import type { HandledEvent } from '../timeline/inventory-journal';
import { reservationFailedTemplate, stockReservedEvent } from './inventory-events';
import { mergeItems, type ReservedItem } from './reservation';
import type { ReserveOutcome } from './reservation-outcomes';
import { ReservationsRepository } from './reservations.repository';

/** The part of `order.placed.v1` inventory needs. */
export interface OrderToReserve {
  readonly orderId: string;
  readonly items: readonly ReservedItem[];
}

/**
 * `order.placed.v1`: reserves every item of the order or none, in one script, and emits
 * `inventory.stock-reserved.v1` (with the reservation's deadline) or
 * `inventory.stock-reservation-failed.v1`. Once per order: an order with a record (reserved,
 * rejected, or cancelled before it was placed) gets nothing more, and emits nothing.
 */
@Injectable()
export class ReserveStockUseCase {
  private readonly logger = new Logger(ReserveStockUseCase.name);
  private readonly ttlMs: number;

  constructor(
    private readonly reservations: ReservationsRepository,
    private readonly relay: OutboxRelay,
    config: ConfigService<InventoryServiceEnv, true>,
  ) {
    this.ttlMs = config.get('INVENTORY_RESERVATION_TTL_MS', { infer: true });
  }

  async execute(
    { orderId, items }: OrderToReserve,
    handled: HandledEvent,
  ): Promise<ReserveOutcome> {
    const lines = mergeItems(items);
    const expiresAt = new Date(Date.now() + this.ttlMs);
    const outcome = await this.reservations.reserve({
      orderId,
      items: lines,
      expiresAt,
      handled,
      reserved: stockReservedEvent(orderId, lines, expiresAt),
      outOfStock: reservationFailedTemplate(orderId, 'OUT_OF_STOCK'),
      unknownProduct: reservationFailedTemplate(orderId, 'UNKNOWN_PRODUCT'),
    });
    switch (outcome.kind) {
      case 'reserved':
      case 'rejected':
        this.relay.kick();
        // Every order passes here: debug, so that the default level does not log each saga.
        this.logger.debug(
          `order ${orderId}: ${outcome.kind === 'reserved' ? 'reserved' : outcome.reason}`,
        );
        break;
      case 'skipped':
        this.logger.log(`order ${orderId}: already ${outcome.state}, nothing reserved`);
        break;
      case 'duplicate':
        break;
    }
    return outcome;
  }
}
