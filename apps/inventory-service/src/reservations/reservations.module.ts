import { Module } from '@nestjs/common';
import { OutboxModule } from '../messaging/outbox.module';
import { CommitReservationUseCase } from './commit-reservation.use-case';
import { ReleaseReservationUseCase } from './release-reservation.use-case';
import { ReservationExpirySweeper } from './reservation-expiry.sweeper';
import { ReservationsEvents } from './reservations.events';
import { ReservationsRepository } from './reservations.repository';
import { ReserveStockUseCase } from './reserve-stock.use-case';

/** Reservations of stock for orders: reserve, commit, release, expire. */
@Module({
  imports: [OutboxModule],
  controllers: [ReservationsEvents],
  providers: [
    ReservationsRepository,
    ReserveStockUseCase,
    CommitReservationUseCase,
    ReleaseReservationUseCase,
    ReservationExpirySweeper,
  ],
})
export class ReservationsModule {}
