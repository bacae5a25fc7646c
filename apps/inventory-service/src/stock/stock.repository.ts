import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Availability } from '@polyshop/contracts';
import { noteInboxDuplicate } from '@polyshop/messaging';
import type Redis from 'ioredis';
import { InventoryKeys, type InboxEntry } from '../redis/inventory-keys';
import { preloadScripts } from '../redis/lua-script';
import { REDIS } from '../redis/redis.constants';
import { StockTooLargeError, UnknownProductError } from './stock.errors';
import { STOCK_FIELDS, parseStockLevels, type StockLevels } from './stock-levels';
import { INITIALISE_STOCK_SCRIPT, SET_STOCK_SCRIPT } from './stock.scripts';

export type InitialiseOutcome = 'initialised' | 'exists' | 'duplicate';

const isInitialiseOutcome = (reply: unknown): reply is InitialiseOutcome =>
  reply === 'initialised' || reply === 'exists' || reply === 'duplicate';

/** Stock hashes (`inventory:stock:<productId>`) and the scripts that change them directly. */
@Injectable()
export class StockRepository implements OnApplicationBootstrap {
  private readonly logger = new Logger(StockRepository.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly keys: InventoryKeys,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return preloadScripts(this.redis, [INITIALISE_STOCK_SCRIPT, SET_STOCK_SCRIPT], this.logger);
  }

  async initialise(
    productId: string,
    initialStock: number,
    inbox: InboxEntry,
  ): Promise<InitialiseOutcome> {
    const reply = await INITIALISE_STOCK_SCRIPT.run(
      this.redis,
      [inbox.key, this.keys.stock(productId)],
      [inbox.ttlSeconds, initialStock],
    );
    if (!isInitialiseOutcome(reply)) {
      throw new Error(`initialise-stock script replied ${JSON.stringify(reply)}`);
    }
    if (reply === 'duplicate') noteInboxDuplicate(inbox.key);
    return reply;
  }

  /** Sets `available`, the difference going to `adjustments`; answers the new availability. */
  async setAvailable(productId: string, available: number): Promise<Availability> {
    const reply = await SET_STOCK_SCRIPT.run(
      this.redis,
      [this.keys.stock(productId)],
      [available, Number.MAX_SAFE_INTEGER],
    );
    const [kind, value] = Array.isArray(reply) ? (reply as unknown[]) : [];
    if (kind === 'set') return { productId, available: Number(value) };
    if (kind === 'unknown') throw new UnknownProductError(productId);
    if (kind === 'too-large') throw new StockTooLargeError(productId, String(value));
    throw new Error(`set-stock script replied ${JSON.stringify(reply)}`);
  }

  /** `available` of each product inventory knows, in the order asked; unknown ones left out. */
  async availability(productIds: readonly string[]): Promise<Availability[]> {
    if (productIds.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const productId of productIds) pipeline.hget(this.keys.stock(productId), 'available');
    const replies = (await pipeline.exec()) ?? [];
    return productIds.flatMap((productId, index) => {
      const [error, value] = replies[index] ?? [new Error('no reply'), null];
      if (error) throw error;
      return typeof value === 'string' ? [{ productId, available: Number(value) }] : [];
    });
  }

  /** Every counter of a product's stock, `null` when inventory does not know it. */
  async levels(productId: string): Promise<StockLevels | null> {
    return parseStockLevels(await this.redis.hmget(this.keys.stock(productId), ...STOCK_FIELDS));
  }
}
