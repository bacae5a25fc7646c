import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Address, UserRole } from '@polyshop/contracts';
import { OutboxRelay, SqlOutboxStore, createOutgoingEvent } from '@polyshop/messaging';
import { DataSource } from 'typeorm';
import { PasswordHasher } from './password-hasher';
import { UsersRepository } from './persistence/users.repository';
import { EmailBlindIndex } from './pii/email-blind-index';
import { UserPiiCodec } from './user-pii';

export interface NewAccount {
  readonly email: string;
  readonly password: string;
  readonly name: string;
  readonly address: Address | null;
  readonly role: UserRole;
}

/**
 * Creates an account: the row (PII sealed, password hashed) and its `user.registered.v1`
 * (no PII: id and role) in one transaction, then hands it to the relay's fast path.
 */
@Injectable()
export class AccountCreator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly pii: UserPiiCodec,
    private readonly emailIndex: EmailBlindIndex,
    private readonly passwords: PasswordHasher,
    private readonly outbox: SqlOutboxStore,
    private readonly relay: OutboxRelay,
  ) {}

  /**
   * Returns the new user's id, or null when the email (normalised) is already registered.
   * `correlationId` is needed outside a request (the admin seed); a request supplies its own.
   */
  async create(account: NewAccount, correlationId?: string): Promise<string | null> {
    const id = randomUUID();
    // Hashed before the transaction: the slow KDF must not hold a connection.
    const passwordHash = await this.passwords.hash(account.password);
    const created = await this.dataSource.transaction(async (tx) => {
      const inserted = await this.users.insertUnlessEmailTaken(tx, {
        id,
        emailIndex: this.emailIndex.of(account.email),
        ...this.pii.seal(id, account),
        passwordHash,
        role: account.role,
      });
      if (!inserted) return false;
      const event = createOutgoingEvent(
        'user.registered.v1',
        { userId: id, role: account.role },
        { correlationId },
      );
      return this.outbox.appendLeased(tx, [event], this.relay.appendLease);
    });
    if (!created) return null;
    this.relay.publishCommitted(created);
    return id;
  }
}
