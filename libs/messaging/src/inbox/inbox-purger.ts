import {
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { errorMessage } from '@polyshop/service-runtime';
import type { RelayLogger } from '../outbox/outbox-relay.options';
import type { PurgeableInbox } from './inbox';

export interface InboxPurgerOptions {
  /**
   * How long records are kept: longer than any redelivery can come (JetStream's `AckWait`
   * x `MaxDeliver` plus backoff, and a dead-letter replay). Default 7 days.
   */
  retentionMs: number;
  /** Period of the purge; default 10 minutes. */
  intervalMs: number;
  logger?: RelayLogger;
}

/** Deletes old inbox records on an interval (SQL and MongoDB; Redis records expire). */
export class InboxPurger implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private readonly options: InboxPurgerOptions;
  private readonly logger: RelayLogger;
  private deleted = 0;

  constructor(
    private readonly inbox: PurgeableInbox,
    options: Partial<InboxPurgerOptions> = {},
  ) {
    this.options = { retentionMs: 7 * 24 * 60 * 60_000, intervalMs: 10 * 60_000, ...options };
    this.logger = options.logger ?? new Logger(InboxPurger.name);
  }

  /** Records deleted since start. */
  get purged(): number {
    return this.deleted;
  }

  start(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => this.purgeOnce(), this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  private purgeOnce(): void {
    if (this.running !== null) return;
    this.running = this.inbox
      .purge(this.options.retentionMs)
      .then(
        (count) => {
          this.deleted += count;
        },
        (error: unknown) => this.logger.warn(`inbox purge failed: ${errorMessage(error)}`),
      )
      .finally(() => {
        this.running = null;
      });
  }
}
