import type { Long } from 'bson';
import type { CursorHome } from '../engine/executor';
import type { Logger } from '../logging/logger';

export interface OpenCursor {
  readonly id: Long;
  readonly database: string;
  readonly home: CursorHome;
  continuation: Buffer;
}

export interface CursorRegistryOptions {
  /** A cursor without getMore for this long is closed, as mongod's cursorTimeoutMillis. */
  readonly idleTimeoutMs: number;
  /** Cursors that each hold a pooled connection; past this the least recently used is closed. */
  readonly maxLeased: number;
  readonly logger: Logger;
}

interface Entry {
  readonly cursor: OpenCursor;
  readonly timer: NodeJS.Timeout;
}

/** Cursors left open by find/aggregate/listCollections/listIndexes, keyed by cursor id. */
export class CursorRegistry {
  // Map order doubles as recency: an entry is re-inserted whenever it is used.
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: CursorRegistryOptions) {}

  get size(): number {
    return this.entries.size;
  }

  register(cursor: OpenCursor): void {
    const key = cursor.id.toString();
    const timer = setTimeout(() => {
      this.options.logger.debug('cursor closed after idle timeout', { cursorId: key });
      void this.close(cursor.id);
    }, this.options.idleTimeoutMs);
    timer.unref();
    this.entries.set(key, { cursor, timer });
    this.evictLeasedOverLimit();
  }

  /** Looks a cursor up for getMore and marks it as recently used. */
  use(id: Long): OpenCursor | undefined {
    const key = id.toString();
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    entry.timer.refresh();
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.cursor;
  }

  /** The engine reported the cursor exhausted: its portal is already gone. */
  exhausted(id: Long): void {
    const entry = this.take(id);
    if (entry?.cursor.home.kind === 'leased') entry.cursor.home.client.release();
  }

  /** killCursors, timeouts, failures: drops the cursor and its portal. */
  async close(id: Long): Promise<boolean> {
    const entry = this.take(id);
    if (!entry) return false;
    const { home } = entry.cursor;
    if (home.kind === 'leased') {
      try {
        await home.client.query('CLOSE ALL');
        home.client.release();
      } catch {
        home.client.release(true);
      }
    }
    return true;
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.entries.values()].map((entry) => this.close(entry.cursor.id)));
  }

  private take(id: Long): Entry | undefined {
    const key = id.toString();
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    clearTimeout(entry.timer);
    this.entries.delete(key);
    return entry;
  }

  private evictLeasedOverLimit(): void {
    const leased = [...this.entries.values()].filter(
      (entry) => entry.cursor.home.kind === 'leased',
    );
    for (const entry of leased.slice(0, Math.max(0, leased.length - this.options.maxLeased))) {
      this.options.logger.warn('too many open cursors holding a connection; closing the oldest', {
        cursorId: entry.cursor.id.toString(),
        maxLeased: this.options.maxLeased,
      });
      void this.close(entry.cursor.id);
    }
  }
}
