import { Module } from '@nestjs/common';
import { sqlOutboxInbox } from '@polyshop/messaging';
import { DataSource } from 'typeorm';

/**
 * order-service's transactional outbox and inbox, tables of its own MariaDB (first migration),
 * and the relay that publishes the outbox to the ORDER stream. Business code imports this
 * module and injects `SqlOutboxStore` (append in the use case's transaction), `SqlInbox`
 * (record in the handler's) and `OutboxRelay` (`appendLease` for the append, then
 * `publishCommitted` after the commit).
 */
@Module(sqlOutboxInbox({ dialect: 'mysql', database: DataSource }))
export class OutboxInboxModule {}
