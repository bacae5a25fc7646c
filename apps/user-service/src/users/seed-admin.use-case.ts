import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { UserServiceEnv } from '../config/user-service.env';
import { AccountCreator } from './account-creator';
import { UsersRepository } from './persistence/users.repository';
import { EmailBlindIndex } from './pii/email-blind-index';

/** What the seed found or did. */
export type AdminSeedOutcome = 'disabled' | 'created' | 'exists';

export const ADMIN_NAME = 'Administrator';

/**
 * Creates the admin account of `ADMIN_EMAIL`/`ADMIN_PASSWORD` at boot if it is missing.
 * Idempotent and safe with replicas booting together: the insert does nothing on a taken email
 * index, so one of them creates it and emits its `user.registered.v1`, the others find it.
 * An existing account is left as it is (its password and role are not reset).
 */
@Injectable()
export class SeedAdminUseCase {
  private readonly logger = new Logger(SeedAdminUseCase.name);

  constructor(
    private readonly config: ConfigService<UserServiceEnv, true>,
    private readonly users: UsersRepository,
    private readonly emailIndex: EmailBlindIndex,
    private readonly accounts: AccountCreator,
  ) {}

  async execute(): Promise<AdminSeedOutcome> {
    const email = this.config.get('ADMIN_EMAIL', { infer: true });
    const password = this.config.get('ADMIN_PASSWORD', { infer: true });
    if (email === '') return 'disabled';

    // Checked first so that a reboot does not pay for a password hash.
    const existing = await this.users.findByEmailIndex(this.emailIndex.of(email));
    if (existing) {
      if (existing.role !== 'admin') {
        this.logger.warn(`ADMIN_EMAIL belongs to user ${existing.id}, not an admin: left as is`);
      }
      return 'exists';
    }
    const id = await this.accounts.create(
      { email, password, name: ADMIN_NAME, address: null, role: 'admin' },
      randomUUID(),
    );
    // null: a replica booting beside this one created it in the meantime.
    if (id === null) return 'exists';
    this.logger.log(`admin account ${id} created from ADMIN_EMAIL`);
    return 'created';
  }
}
