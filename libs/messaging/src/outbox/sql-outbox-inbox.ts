import type { InjectionToken, Provider } from '@nestjs/common';
import { InboxPurger, type InboxPurgerOptions } from '../inbox/inbox-purger';
import { SqlInbox } from '../inbox/sql-inbox';
import { OutboxRelay } from './outbox-relay';
import { provideOutboxRelay, type OutboxRelayProviderOptions } from './outbox-relay.provider';
import type { SqlDatabase, SqlDialect } from './sql-executor';
import { SqlOutboxStore } from './sql-outbox.store';

export interface SqlOutboxInboxOptions {
  dialect: SqlDialect;
  /** Token of the service's database handle: its TypeORM `DataSource`. */
  database: InjectionToken;
  relay?: OutboxRelayProviderOptions<[SqlOutboxStore]>['options'];
  inboxPurger?: Partial<InboxPurgerOptions>;
}

/** What a PostgreSQL or MariaDB/MySQL service's outbox and inbox module provides. */
export interface SqlOutboxInboxMetadata {
  providers: Provider[];
  /** What business code injects: `SqlOutboxStore`, `SqlInbox` and `OutboxRelay`. */
  exports: InjectionToken[];
}

/**
 * The module metadata of a SQL service's outbox and inbox, on the tables of `outboxSchema` and
 * `inboxSchema`: `SqlOutboxStore` (append in the use case's transaction), `SqlInbox` (record in
 * the handler's), the `OutboxRelay` draining that same store and the `InboxPurger`; the relay and
 * the purger start on bootstrap and stop before the shutdown hooks close NATS and the database.
 *
 * ```ts
 * @Module(sqlOutboxInbox({ dialect: 'postgres', database: DataSource }))
 * export class OutboxInboxModule {}
 * ```
 */
export function sqlOutboxInbox({
  dialect,
  database,
  relay,
  inboxPurger,
}: SqlOutboxInboxOptions): SqlOutboxInboxMetadata {
  return {
    providers: [
      {
        provide: SqlOutboxStore,
        inject: [database],
        useFactory: (handle: SqlDatabase) => new SqlOutboxStore({ dialect, database: handle }),
      },
      {
        provide: SqlInbox,
        inject: [database],
        useFactory: (handle: SqlDatabase) => new SqlInbox({ dialect, database: handle }),
      },
      provideOutboxRelay({
        inject: [SqlOutboxStore],
        store: (store: SqlOutboxStore) => store,
        options: relay,
      }),
      {
        provide: InboxPurger,
        inject: [SqlInbox],
        useFactory: (inbox: SqlInbox) => new InboxPurger(inbox, inboxPurger),
      },
    ],
    exports: [SqlOutboxStore, SqlInbox, OutboxRelay],
  };
}
