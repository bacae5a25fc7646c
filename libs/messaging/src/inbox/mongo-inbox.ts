import type {
  MongoFilter,
  MongoIndexSpec,
  MongoSession,
  MongoWriteOptions,
} from '../outbox/mongo-collection';
import { assertInboxKey, noteInboxDuplicate, type InboxResult, type PurgeableInbox } from './inbox';

/** One inbox record as stored in MongoDB. */
export interface MongoInboxDocument {
  /** `<consumer>/<event id>`: the unique key. */
  _id: string;
  processedAt: Date;
}

/**
 * The inbox collection as `MongoInbox` uses it: a `mongodb` driver `Collection` satisfies it.
 */
export interface MongoInboxCollection {
  updateOne(
    filter: MongoFilter,
    update: MongoFilter,
    options?: MongoWriteOptions,
  ): Promise<{ upsertedCount: number }>;
  deleteMany(filter: MongoFilter): Promise<{ deletedCount: number }>;
}

/** Indexes of the inbox collection, for the service to sync at boot (purge by age). */
export const MONGO_INBOX_INDEXES: readonly MongoIndexSpec[] = [
  { key: { processedAt: 1 }, name: 'inbox_processed' },
];

const DUPLICATE_KEY = 11000;

/**
 * The inbox of a MongoDB service. `record` is an upsert in the handler's session: a new key
 * is inserted with the transaction (and vanishes with its rollback); an existing key matches
 * without any write. An upsert rather than an insert, because a failed write (E11000) would
 * abort the whole MongoDB transaction.
 */
export class MongoInbox implements PurgeableInbox {
  constructor(private readonly collection: MongoInboxCollection) {}

  /**
   * Records that `consumer` handles `eventId` in the transaction of `session`. `'duplicate'`:
   * skip the effect and acknowledge.
   */
  async record(consumer: string, eventId: string, session: MongoSession): Promise<InboxResult> {
    assertInboxKey(consumer, eventId);
    try {
      const { upsertedCount } = await this.collection.updateOne(
        { _id: `${consumer}/${eventId}` },
        { $setOnInsert: { processedAt: new Date() } },
        { upsert: true, session },
      );
      if (upsertedCount === 1) return 'recorded';
    } catch (error) {
      // A concurrent first delivery won the insert; this transaction is aborted, and the
      // redelivery of this message will find the record.
      if (!isDuplicateKey(error)) throw error;
    }
    noteInboxDuplicate(`${consumer}/${eventId}`);
    return 'duplicate';
  }

  async purge(retentionMs: number): Promise<number> {
    const cutoff = new Date(Date.now() - retentionMs);
    const { deletedCount } = await this.collection.deleteMany({ processedAt: { $lt: cutoff } });
    return deletedCount;
  }
}

function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error
    ? error.code === DUPLICATE_KEY
    : false;
}
