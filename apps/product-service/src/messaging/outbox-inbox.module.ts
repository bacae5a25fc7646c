import { Module } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import {
  InboxPurger,
  MONGO_INBOX_INDEXES,
  MONGO_OUTBOX_INDEXES,
  MongoInbox,
  MongoOutboxStore,
  OutboxRelay,
  provideOutboxRelay,
  type MongoInboxDocument,
  type MongoOutboxDocument,
} from '@polyshop/messaging';
import type { Connection } from 'mongoose';
import { INBOX_COLLECTION, OUTBOX_COLLECTION } from './messaging.constants';
import { syncCollection } from './sync-collection';

/**
 * product-service's transactional outbox and inbox, collections of its own MongoDB created with
 * their indexes at boot, and the relay that publishes the outbox to the PRODUCT stream.
 * Business code imports this module and injects `MongoOutboxStore` (append with the use case's
 * session, e.g. in `connection.transaction(...)`), `MongoInbox` (record with the handler's) and
 * `OutboxRelay` (kick after the commit).
 */
@Module({
  providers: [
    {
      provide: MongoOutboxStore,
      inject: [getConnectionToken()],
      useFactory: async (connection: Connection) =>
        new MongoOutboxStore(
          await syncCollection<MongoOutboxDocument>(
            connection,
            OUTBOX_COLLECTION,
            MONGO_OUTBOX_INDEXES,
          ),
        ),
    },
    {
      provide: MongoInbox,
      inject: [getConnectionToken()],
      useFactory: async (connection: Connection) =>
        new MongoInbox(
          await syncCollection<MongoInboxDocument>(
            connection,
            INBOX_COLLECTION,
            MONGO_INBOX_INDEXES,
          ),
        ),
    },
    provideOutboxRelay({ inject: [MongoOutboxStore], store: (store: MongoOutboxStore) => store }),
    {
      provide: InboxPurger,
      inject: [MongoInbox],
      useFactory: (inbox: MongoInbox) => new InboxPurger(inbox),
    },
  ],
  exports: [MongoOutboxStore, MongoInbox, OutboxRelay],
})
export class OutboxInboxModule {}
