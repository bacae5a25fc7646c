import { randomBytes, randomUUID } from 'node:crypto';
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

const SUBJECT = 'order.placed.v1';

describeSqlMessagingWiring({
  title: 'order-service outbox and inbox (MariaDB, NATS)',
  module: AppModule,
  options: SERVICE_OPTIONS,
  database: (app) => app.get(DataSource),
  parts: (app) => ({
    outbox: app.get(SqlOutboxStore),
    inbox: app.get(SqlInbox),
    relay: app.get(OutboxRelay),
    nats: app.get(NATS_CONNECTION),
  }),
  dialect: 'mysql',
  subject: SUBJECT,
  event: () =>
    createOutgoingEvent(
      SUBJECT,
      {
        orderId: randomUUID(),
        userId: randomUUID(),
        items: [{ productId: randomBytes(12).toString('hex'), quantity: 2, unitPrice: 1250 }],
        total: 2500,
        currency: 'EUR',
        paymentToken: 'tok_visa',
      },
      { correlationId: randomUUID() },
    ),
  migration: 'MessagingTables1763700000000',
  indexes: [
    'inbox.PRIMARY',
    'inbox.inbox_processed_idx',
    'outbox.PRIMARY',
    'outbox.outbox_state_idx',
  ],
});
