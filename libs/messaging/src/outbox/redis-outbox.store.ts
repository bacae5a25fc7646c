import type { ClaimedEvent, OutboxBacklog, OutboxStore } from './outbox-store';
import type { RedisCommandClient } from './redis-client';
import { parseStreamEntries, parseXinfoConsumers, type StreamEntry } from './redis-replies';

export interface RedisOutboxStoreOptions {
  /** Key of the outbox stream the service's scripts append to. */
  stream: string;
  /** Consumer group of the relays; defaults to `outbox-relay`. */
  group?: string;
}

/** Acknowledges and deletes settled entries in one step, so none lingers acked but stored. */
const ACK_AND_DELETE = `
redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, 2))
return redis.call('XDEL', KEYS[1], unpack(ARGV, 2))
`;

/**
 * The outbox of a Redis service: a stream that the service's Lua scripts `XADD` to (see
 * `REDIS_OUTBOX_LUA`), read by the relays through one consumer group. Each relay replica is a
 * consumer: new entries come from `XREADGROUP`, entries whose holder has not settled them within
 * the lease (it died, or released them) are taken over with `XAUTOCLAIM`. A published entry is
 * acknowledged and deleted at once, so nothing is kept for a retention period; the purge only
 * drops consumers of relays long gone.
 */
export class RedisOutboxStore implements OutboxStore {
  private readonly stream: string;
  private readonly group: string;
  private groupReady = false;
  private leaseMs = 0;

  constructor(
    private readonly redis: RedisCommandClient,
    { stream, group = 'outbox-relay' }: RedisOutboxStoreOptions,
  ) {
    this.stream = stream;
    this.group = group;
  }

  async claim(limit: number, owner: string, leaseMs: number): Promise<ClaimedEvent[]> {
    this.leaseMs = leaseMs;
    await this.ensureGroup();
    const stale = await this.reclaimStale(limit, owner, leaseMs);
    const fresh =
      stale.length < limit
        ? parseStreamEntries(
            await this.command(
              'XREADGROUP',
              'GROUP',
              this.group,
              owner,
              'COUNT',
              limit - stale.length,
              'STREAMS',
              this.stream,
              '>',
            ),
          ).map((entry) => toClaimed(entry, 1))
        : [];
    return [...stale, ...fresh];
  }

  async markPublished(events: readonly ClaimedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const refs = events.map((e) => e.ref);
    await this.redis.call('EVAL', ACK_AND_DELETE, 1, this.stream, this.group, ...refs);
  }

  /**
   * Leaves the entries pending with `owner` but backdates their last delivery, so that the
   * next `XAUTOCLAIM` of any replica takes them after `retryAfterMs` (at most the lease).
   */
  async release(
    events: readonly ClaimedEvent[],
    owner: string,
    retryAfterMs: number,
  ): Promise<void> {
    if (events.length === 0) return;
    const idle = Math.max(0, this.leaseMs - retryAfterMs);
    const refs = events.map((e) => e.ref);
    await this.redis.call(
      'XCLAIM',
      this.stream,
      this.group,
      owner,
      0,
      ...refs,
      'IDLE',
      idle,
      'JUSTID',
    );
  }

  /** Published entries are already gone; drops consumers idle for longer than the retention. */
  async purgePublished(retentionMs: number): Promise<number> {
    if (!this.groupReady) return 0;
    const consumers = parseXinfoConsumers(
      await this.redis.call('XINFO', 'CONSUMERS', this.stream, this.group),
    );
    for (const consumer of consumers) {
      if (consumer.pending === 0 && consumer.idle > retentionMs) {
        await this.redis.call('XGROUP', 'DELCONSUMER', this.stream, this.group, consumer.name);
      }
    }
    return 0;
  }

  /** The stream holds exactly the unpublished entries; an entry id starts with its append time. */
  async backlog(): Promise<OutboxBacklog> {
    const [count, first] = await Promise.all([
      this.redis.call('XLEN', this.stream),
      this.redis.call('XRANGE', this.stream, '-', '+', 'COUNT', 1),
    ]);
    const [oldest] = parseStreamEntries([[this.stream, first]]);
    return {
      count: Number(count),
      oldestAppendedAt: oldest === undefined ? null : appendTimeOf(oldest.id),
    };
  }

  private async reclaimStale(limit: number, owner: string, leaseMs: number) {
    const reply = await this.command(
      'XAUTOCLAIM',
      this.stream,
      this.group,
      owner,
      leaseMs,
      '0-0',
      'COUNT',
      limit,
    );
    const entries = Array.isArray(reply) ? parseStreamEntries([[this.stream, reply[1]]]) : [];
    if (entries.length === 0) return [];
    const deliveries = await this.deliveryCounts(entries, owner);
    return entries.map((entry) => toClaimed(entry, deliveries.get(entry.id) ?? 2));
  }

  /** How often each reclaimed entry was delivered, for the relay's per-event backoff. */
  private async deliveryCounts(entries: readonly StreamEntry[], owner: string) {
    const first = entries[0].id;
    const last = entries[entries.length - 1].id;
    const reply = await this.redis.call(
      'XPENDING',
      this.stream,
      this.group,
      first,
      last,
      entries.length,
      owner,
    );
    const counts = new Map<string, number>();
    if (Array.isArray(reply)) {
      for (const row of reply) {
        if (Array.isArray(row)) counts.set(String(row[0]), Number(row[3]));
      }
    }
    return counts;
  }

  private async ensureGroup(): Promise<void> {
    if (this.groupReady) return;
    try {
      await this.redis.call('XGROUP', 'CREATE', this.stream, this.group, '0', 'MKSTREAM');
    } catch (error) {
      if (!String(error).includes('BUSYGROUP')) throw error;
    }
    this.groupReady = true;
  }

  /** Runs a group command; if the stream or group vanished, recreates the group next time. */
  private async command(...args: [string, ...(string | number)[]]): Promise<unknown> {
    try {
      return await this.redis.call(...args);
    } catch (error) {
      if (String(error).includes('NOGROUP')) this.groupReady = false;
      throw error;
    }
  }
}

function toClaimed(entry: StreamEntry, attempts: number): ClaimedEvent {
  const { fields } = entry;
  return {
    ref: entry.id,
    id: fields.id,
    subject: fields.subject,
    payload: fields.payload,
    headers: JSON.parse(fields.headers) as Record<string, string>,
    attempts,
    appendedAt: appendTimeOf(entry.id),
  };
}

/** The Redis server's clock when it appended the entry: the first part of its id. */
function appendTimeOf(id: string): number {
  return Number(id.split('-')[0]);
}
