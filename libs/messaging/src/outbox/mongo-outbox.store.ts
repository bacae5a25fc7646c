import type { OutgoingEvent } from '../publishing/outgoing-event';
import type {
  MongoCursor,
  MongoFilter,
  MongoFindOptions,
  MongoIndexSpec,
  MongoSession,
  MongoWriteOptions,
} from './mongo-collection';
import type { ClaimedEvent, OutboxBacklog, OutboxStore } from './outbox-store';

/** One outbox entry as stored in MongoDB. */
export interface MongoOutboxDocument {
  /** The event id. */
  _id: string;
  subject: string;
  payload: string;
  /** The headers as JSON: header names are not always valid field names. */
  headers: string;
  createdAt: Date;
  attempts: number;
  claimedBy: string | null;
  /** The lease's end; the epoch when the entry is free. */
  claimedUntil: Date;
  publishedAt: Date | null;
}

/**
 * The outbox collection as the store uses it: a `mongodb` driver `Collection` (for instance
 * `connection.collection('outbox')` of Mongoose) satisfies it.
 */
export interface MongoOutboxCollection {
  insertMany(docs: MongoOutboxDocument[], options?: MongoWriteOptions): Promise<unknown>;
  find(filter: MongoFilter, options?: MongoFindOptions): MongoCursor<MongoOutboxDocument>;
  updateMany(filter: MongoFilter, update: MongoFilter): Promise<{ modifiedCount: number }>;
  deleteMany(filter: MongoFilter): Promise<{ deletedCount: number }>;
  countDocuments(filter: MongoFilter): Promise<number>;
}

/**
 * The indexes of the outbox collection, for the service to sync at boot
 * (`collection.createIndexes([...MONGO_OUTBOX_INDEXES])`): unpublished entries by age for the
 * claim, published ones by publication time for the purge.
 */
export const MONGO_OUTBOX_INDEXES: readonly MongoIndexSpec[] = [
  { key: { publishedAt: 1, createdAt: 1 }, name: 'outbox_state' },
];

const FREE = new Date(0);

/**
 * The outbox of a MongoDB service. Producers `append` inside their session's transaction.
 * MongoDB has no SKIP LOCKED, so a claim is optimistic: read the oldest free candidates, lease
 * them with one conditional `updateMany` (each document is leased by whoever updates it first;
 * the others' condition no longer matches) and read back the ones this owner won.
 * Leases use the relay's clock: keep replicas' clocks in sync (NTP) well within a lease.
 */
export class MongoOutboxStore implements OutboxStore {
  constructor(private readonly collection: MongoOutboxCollection) {}

  /** Inserts the events in the transaction of `session`; kick the relay after the commit. */
  async append(events: readonly OutgoingEvent[], session: MongoSession): Promise<void> {
    if (events.length === 0) return;
    const createdAt = new Date();
    const docs = events.map((event): MongoOutboxDocument => ({
      _id: event.id,
      subject: event.subject,
      payload: event.payload,
      headers: JSON.stringify(event.headers),
      createdAt,
      attempts: 0,
      claimedBy: null,
      claimedUntil: FREE,
      publishedAt: null,
    }));
    await this.collection.insertMany(docs, { session, ordered: true });
  }

  async claim(limit: number, owner: string, leaseMs: number): Promise<ClaimedEvent[]> {
    const now = new Date();
    const free = { publishedAt: null, claimedUntil: { $lte: now } };
    const candidates = await this.collection
      .find(free, { sort: { createdAt: 1 }, limit, projection: { _id: 1 } })
      .toArray();
    if (candidates.length === 0) return [];
    const ids = candidates.map((doc) => doc._id);
    const leasedUntil = new Date(now.getTime() + leaseMs);
    await this.collection.updateMany(
      { _id: { $in: ids }, ...free },
      { $set: { claimedBy: owner, claimedUntil: leasedUntil }, $inc: { attempts: 1 } },
    );
    // The lease's exact end tells this claim's winners from older leases of the same owner.
    const won = await this.collection
      .find(
        { _id: { $in: ids }, claimedBy: owner, claimedUntil: leasedUntil },
        { sort: { createdAt: 1 } },
      )
      .toArray();
    return won.map((doc) => ({
      ref: doc._id,
      id: doc._id,
      subject: doc.subject,
      payload: doc.payload,
      headers: JSON.parse(doc.headers) as Record<string, string>,
      attempts: doc.attempts,
      appendedAt: doc.createdAt.getTime(),
    }));
  }

  async markPublished(events: readonly ClaimedEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.collection.updateMany(
      { _id: { $in: events.map((e) => e.ref) } },
      { $set: { publishedAt: new Date(), claimedBy: null, claimedUntil: FREE } },
    );
  }

  async release(
    events: readonly ClaimedEvent[],
    owner: string,
    retryAfterMs: number,
  ): Promise<void> {
    if (events.length === 0) return;
    await this.collection.updateMany(
      { _id: { $in: events.map((e) => e.ref) }, claimedBy: owner, publishedAt: null },
      { $set: { claimedBy: null, claimedUntil: new Date(Date.now() + retryAfterMs) } },
    );
  }

  async purgePublished(retentionMs: number): Promise<number> {
    const cutoff = new Date(Date.now() - retentionMs);
    const { deletedCount } = await this.collection.deleteMany({ publishedAt: { $lt: cutoff } });
    return deletedCount;
  }

  async backlog(): Promise<OutboxBacklog> {
    const unpublished = { publishedAt: null };
    const [count, oldest] = await Promise.all([
      this.collection.countDocuments(unpublished),
      this.collection
        .find(unpublished, { sort: { createdAt: 1 }, limit: 1, projection: { createdAt: 1 } })
        .toArray(),
    ]);
    return { count, oldestAppendedAt: oldest[0]?.createdAt.getTime() ?? null };
  }
}
