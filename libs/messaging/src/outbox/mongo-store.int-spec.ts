import { randomUUID } from 'node:crypto';
import mongoose, { type Connection, type mongo } from 'mongoose';
import { LOCAL_URLS } from '@polyshop/config';
import { TcpProxy, waitFor } from '@polyshop/testing';
import { MONGO_INBOX_INDEXES, MongoInbox, type MongoInboxDocument } from '../inbox/mongo-inbox';
import {
  MONGO_OUTBOX_INDEXES,
  MongoOutboxStore,
  type MongoOutboxDocument,
} from './mongo-outbox.store';
import {
  describeOutboxContract,
  HANDLER_FAILED,
  PRODUCER_REJECTED,
  TRANSACTION_WORDING,
} from './testing/describe-outbox-contract';

interface Thing {
  _id: string;
  n: number;
}

const CONSUMER = 'test-consumer';
const databaseName = `outbox_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
const counter = randomUUID();
let connection: Connection | undefined;
let outbox: mongo.Collection<MongoOutboxDocument>;
let records: mongo.Collection<MongoInboxDocument>;
let things: mongo.Collection<Thing>;
let store: MongoOutboxStore;
let inbox: MongoInbox;

/** Runs `work` in a transaction of a fresh session, as a service's use case does. */
const inTransaction = async <T>(work: (session: mongo.ClientSession) => Promise<T>) => {
  if (connection === undefined) throw new Error('not connected');
  const session = await connection.startSession();
  try {
    let result: T | undefined;
    await session.withTransaction(async () => {
      result = await work(session);
    });
    return result as T;
  } finally {
    await session.endSession();
  }
};

const outboxIds = async (filter: mongo.Filter<MongoOutboxDocument>) =>
  (await outbox.find(filter, { sort: { createdAt: 1 }, projection: { _id: 1 } }).toArray()).map(
    (doc) => doc._id,
  );
const inboxKey = (eventId: string) => `${CONSUMER}/${eventId}`;

describeOutboxContract({
  harness: {
    name: 'MongoDB',
    wording: TRANSACTION_WORDING,
    keepsAppendOrder: false,

    async setUp() {
      const url = new URL(LOCAL_URLS.productMongo);
      url.pathname = `/${databaseName}`;
      connection = await mongoose.createConnection(url.toString()).asPromise();
      const db = connection.db;
      if (db === undefined) throw new Error('not connected');
      outbox = await db.createCollection<MongoOutboxDocument>('outbox');
      await outbox.createIndexes([...MONGO_OUTBOX_INDEXES]);
      records = await db.createCollection<MongoInboxDocument>('inbox');
      await records.createIndexes([...MONGO_INBOX_INDEXES]);
      things = await db.createCollection<Thing>('things');
      await things.insertOne({ _id: counter, n: 0 });
      store = new MongoOutboxStore(outbox);
      inbox = new MongoInbox(records);
    },

    async reset() {
      await outbox.deleteMany({});
    },

    async tearDown() {
      await connection?.dropDatabase();
      await connection?.close();
    },

    store: () => store,

    produce: (events, thing, outcome = 'commit') =>
      inTransaction(async (session) => {
        await things.insertOne({ _id: thing, n: 1 }, { session });
        await store.append(events, session);
        if (outcome === 'reject') throw new Error(PRODUCER_REJECTED);
      }),

    hasThing: async (thing) => (await things.countDocuments({ _id: thing })) === 1,

    stored: (ids) => outboxIds({ _id: { $in: [...ids] } }),
    unpublished: (ids) => outboxIds({ _id: { $in: [...ids] }, publishedAt: null }),

    publishedEntries: {
      backdate: async (ids, ms) => {
        await outbox.updateMany(
          { _id: { $in: [...ids] } },
          { $set: { publishedAt: new Date(Date.now() - ms) } },
        );
      },
    },

    inbox: {
      handle: (eventId, outcome = 'commit') =>
        inTransaction(async (session) => {
          const result = await inbox.record(CONSUMER, eventId, session);
          if (result === 'recorded') {
            await things.updateOne({ _id: counter }, { $inc: { n: 1 } }, { session });
          }
          if (outcome === 'fail') throw new Error(HANDLER_FAILED);
          return result;
        }),
      effects: async () => (await things.findOne({ _id: counter }))?.n ?? 0,
      records: (eventId) => records.countDocuments({ _id: inboxKey(eventId) }),
      retention: {
        backdate: async (eventId, ms) => {
          await records.updateOne(
            { _id: inboxKey(eventId) },
            { $set: { processedAt: new Date(Date.now() - ms) } },
          );
        },
        purge: (retentionMs) => inbox.purge(retentionMs),
      },
    },
  },
  helpers: { waitFor, TcpProxy },
});
