export {
  HTTP_CORRELATION_HEADER,
  MessageContextInterceptor,
} from './context/message-context.interceptor';
export { requestInContext } from './context/message-spans';
export { JetStreamContext } from './jetstream/jetstream.context';
export { JetStreamHealthIndicator } from './jetstream/jetstream.health';
export { connectJetStream } from './jetstream/jetstream-transport';
export { JetStreamServer } from './jetstream/jetstream.server';
export {
  ConsumptionObservers,
  type Consumption,
  type ConsumptionObserver,
} from './jetstream/consumption';
export { journalSagaDeliveries, publishedJournalEntry } from './jetstream/saga-journal';
export {
  DEFAULT_CONSUMER_OPTIONS,
  type JetStreamConsumerOptions,
} from './jetstream/jetstream.options';
export { DeadLetters, type DeadLetter } from './jetstream/dead-letters';
export { OnEvent, JETSTREAM_TRANSPORT } from './jetstream/on-event.decorator';
export { MessagingModule } from './messaging.module';
export { NATS_CONNECTION } from './nats/nats.constants';
export { NatsHealthIndicator } from './nats/nats.health';
export { NatsModule } from './nats/nats.module';
export { EventPublisher } from './publishing/event-publisher';
export { HEADERS } from './publishing/headers';
export type { OutgoingEvent, PublishOutcome } from './publishing/outgoing-event';
export { createOutgoingEvent, type OutgoingEventOptions } from './publishing/create-outgoing-event';
export type { ClaimedEvent, OutboxStore } from './outbox/outbox-store';
export {
  OutboxRelay,
  type EventBatchPublisher,
  type OutboxRelayStats,
} from './outbox/outbox-relay';
export {
  DEFAULT_OUTBOX_RELAY_OPTIONS,
  type OutboxRelayOptions,
  type RelayLogger,
} from './outbox/outbox-relay.options';
export {
  provideOutboxRelay,
  type OutboxRelayProviderOptions,
} from './outbox/outbox-relay.provider';
export type {
  SqlDatabase,
  SqlDialect,
  SqlExecutor,
  SqlTransactionRunner,
} from './outbox/sql-executor';
export type { SqlSchema } from './outbox/sql-schema';
export { outboxSchema } from './outbox/sql-outbox.schema';
export { SqlOutboxStore, type SqlOutboxStoreOptions } from './outbox/sql-outbox.store';
export {
  sqlOutboxInbox,
  type SqlOutboxInboxMetadata,
  type SqlOutboxInboxOptions,
} from './outbox/sql-outbox-inbox';
export type { MongoIndexSpec, MongoSession } from './outbox/mongo-collection';
export {
  MONGO_OUTBOX_INDEXES,
  MongoOutboxStore,
  type MongoOutboxCollection,
  type MongoOutboxDocument,
} from './outbox/mongo-outbox.store';
export type { RedisCommandClient } from './outbox/redis-client';
export { REDIS_OUTBOX_LUA, redisOutboxArgs } from './outbox/redis-outbox.lua';
export { RedisOutboxStore, type RedisOutboxStoreOptions } from './outbox/redis-outbox.store';
export {
  INBOX_LIMITS,
  noteInboxDuplicate,
  type InboxResult,
  type PurgeableInbox,
} from './inbox/inbox';
export { CRASH_POINTS, CRASH_POINT_VARIABLE, type CrashPoint } from './chaos/crash-points';
export { inboxSchema } from './inbox/sql-inbox.schema';
export { SqlInbox, type SqlInboxOptions } from './inbox/sql-inbox';
export {
  MONGO_INBOX_INDEXES,
  MongoInbox,
  type MongoInboxCollection,
  type MongoInboxDocument,
} from './inbox/mongo-inbox';
export { REDIS_INBOX_LUA, REDIS_INBOX_TTL_SECONDS, redisInboxKey } from './inbox/redis-inbox.lua';
export { InboxPurger, type InboxPurgerOptions } from './inbox/inbox-purger';
