import { randomUUID } from 'node:crypto';
import {
  NATS_CONNECTION,
  OutboxRelay,
  SqlInbox,
  SqlOutboxStore,
  createOutgoingEvent,
} from '@polyshop/messaging';
import { describeSqlMessagingWiring } from '@polyshop/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { SERVICE_OPTIONS } from '../service';

const SUBJECT = 'user.registered.v1';

describeSqlMessagingWiring({
  title: 'user-service outbox and inbox (PostgreSQL, NATS)',
  module: AppModule,
  options: SERVICE_OPTIONS,
  database: (app) => app.get(DataSource),
  parts: (app) => ({
    outbox: app.get(SqlOutboxStore),
    inbox: app.get(SqlInbox),
    relay: app.get(OutboxRelay),
    nats: app.get(NATS_CONNECTION),
  }),
  dialect: 'postgres',
  subject: SUBJECT,
  event: () =>
    createOutgoingEvent(
      SUBJECT,
      { userId: randomUUID(), role: 'user' },
      { correlationId: randomUUID() },
    ),
  migration: 'MessagingTables1763700000000',
  indexes: [
    'inbox.inbox_pkey',
    'inbox.inbox_processed_idx',
    'outbox.outbox_pkey',
    'outbox.outbox_pending_idx',
    'outbox.outbox_published_idx',
  ],
});
