import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { errorMessage } from '@polyshop/service-runtime';
import { ReleaseReservationUseCase } from './release-reservation.use-case';
import { ReservationsRepository } from './reservations.repository';
import { EXPIRY_SWEEP_BATCH, EXPIRY_SWEEP_INTERVAL_MS } from './reservations.constants';

/**
 * The safety net behind the saga deadline: every second, releases the held reservations past
 * their deadline (`inventory:reservation-deadlines`) with reason `EXPIRED`. Every replica
 * sweeps; two replicas releasing the same reservation are one release, because the release
 * script only acts on a held reservation and is atomic.
 */
@Injectable()
export class ReservationExpirySweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReservationExpirySweeper.name);
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;

  constructor(
    private readonly reservations: ReservationsRepository,
    private readonly release: ReleaseReservationUseCase,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), EXPIRY_SWEEP_INTERVAL_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.sweeping;
  }

  /** Releases the reservations due at `now` (one batch); answers how many it released. */
  async sweep(now = new Date()): Promise<number> {
    const orderIds = await this.reservations.dueOrders(now, EXPIRY_SWEEP_BATCH);
    const outcomes = await Promise.all(
      orderIds.map((orderId) =>
        this.release.execute(orderId, 'EXPIRED', {
          handled: null,
          orderCancelled: false,
          dueBy: now,
        }),
      ),
    );
    return outcomes.filter((outcome) => outcome.kind === 'released').length;
  }

  private tick(): void {
    if (this.sweeping !== undefined) return;
    this.sweeping = this.sweep()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.warn(`expiry sweep failed: ${errorMessage(error)}`))
      .finally(() => {
        this.sweeping = undefined;
      });
  }
}
