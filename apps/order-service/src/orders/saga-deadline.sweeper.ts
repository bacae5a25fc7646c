import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { errorMessage } from '@polyshop/service-runtime';
import { CancelOverdueOrdersUseCase, OVERDUE_BATCH_SIZE } from './cancel-overdue-orders.use-case';

/** Pause between two passes of the sweeper. */
export const SWEEP_INTERVAL_MS = 1_000;

/**
 * The saga deadline (docs/saga.md): every second, cancels the live orders past their deadline
 * (`ORDER_SAGA_TIMEOUT_MS` after placement), batch after batch while full ones come back. Runs on
 * every replica (the claim skips what another holds), keeps going while the database is down
 * (logging the outage once), and stops on shutdown after its pass in flight, before the
 * database closes.
 */
@Injectable()
export class SagaDeadlineSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SagaDeadlineSweeper.name);
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<void> | null = null;
  private stopped = false;
  private failing = false;

  constructor(private readonly cancelOverdue: CancelOverdueOrdersUseCase) {}

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.schedule();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.pass;
  }

  /** One pass: batches until one comes back short. Never rejects. */
  async sweep(): Promise<void> {
    try {
      let cancelled: number;
      do {
        cancelled = await this.cancelOverdue.execute(OVERDUE_BATCH_SIZE);
        if (cancelled > 0) this.logger.log(`cancelled ${cancelled} order(s) past their deadline`);
      } while (cancelled === OVERDUE_BATCH_SIZE && !this.stopped);
      if (this.failing) this.logger.log('sweeping again');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.warn(`sweep failed, retrying: ${errorMessage(error)}`);
      this.failing = true;
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.pass = this.sweep().finally(() => {
        this.pass = null;
        this.schedule();
      });
    }, SWEEP_INTERVAL_MS);
    this.timer.unref();
  }
}
