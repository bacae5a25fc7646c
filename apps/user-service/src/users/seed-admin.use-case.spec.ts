import { randomBytes, randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import type { UserServiceEnv } from '../config/user-service.env';
import type { AccountCreator, NewAccount } from './account-creator';
import type { UserEntity } from './persistence/user.entity';
import type { UsersRepository } from './persistence/users.repository';
import { EmailBlindIndex } from './pii/email-blind-index';
import { SeedAdminUseCase } from './seed-admin.use-case';

const emailIndex = new EmailBlindIndex(randomBytes(32));

/** The seed over an in-memory table; `raceLost` makes the insert find the email taken. */
function seedWith(env: { ADMIN_EMAIL: string; ADMIN_PASSWORD: string }, table: UserEntity[]) {
  const createdAccounts: NewAccount[] = [];
  let raceLost = false;
  const config = { get: (key: keyof typeof env) => env[key] } as ConfigService<
    UserServiceEnv,
    true
  >;
  const users = {
    findByEmailIndex: (index: Buffer) =>
      Promise.resolve(table.find((u) => u.emailIndex.equals(index)) ?? null),
  } as UsersRepository;
  const accounts = {
    create: (account: NewAccount) => {
      if (raceLost) return Promise.resolve(null);
      createdAccounts.push(account);
      return Promise.resolve(randomUUID());
    },
  } as AccountCreator;
  const seed = new SeedAdminUseCase(config, users, emailIndex, accounts);
  return {
    seed,
    createdAccounts,
    loseTheRace: () => {
      raceLost = true;
    },
  };
}

const ADMIN = { ADMIN_EMAIL: 'root@shop.example', ADMIN_PASSWORD: 'long enough secret' };
const existing = (role: 'user' | 'admin') =>
  ({ id: randomUUID(), emailIndex: emailIndex.of('Root@Shop.example'), role }) as UserEntity;

describe('SeedAdminUseCase', () => {
  let warnings: string[];
  beforeEach(() => {
    warnings = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((m: string) => void warnings.push(m));
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('creates an admin account from ADMIN_EMAIL and ADMIN_PASSWORD when there is none', async () => {
    const { seed, createdAccounts } = seedWith(ADMIN, []);

    await expect(seed.execute()).resolves.toBe('created');
    expect(createdAccounts).toEqual([
      {
        email: 'root@shop.example',
        password: 'long enough secret',
        name: 'Administrator',
        address: null,
        role: 'admin',
      },
    ]);
  });

  it('does nothing when the account exists, in any case of its email', async () => {
    const { seed, createdAccounts } = seedWith(ADMIN, [existing('admin')]);

    await expect(seed.execute()).resolves.toBe('exists');
    expect(createdAccounts).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('leaves an ordinary user of that email as it is, with a warning, never promoting it', async () => {
    const user = existing('user');
    const { seed, createdAccounts } = seedWith(ADMIN, [user]);

    await expect(seed.execute()).resolves.toBe('exists');
    expect(createdAccounts).toEqual([]);
    expect(warnings).toEqual([expect.stringContaining(user.id) as string]);
  });

  it('counts a replica that created the admin first as done', async () => {
    const { seed, loseTheRace } = seedWith(ADMIN, []);
    loseTheRace();

    await expect(seed.execute()).resolves.toBe('exists');
  });

  it('seeds nobody when ADMIN_EMAIL is empty', async () => {
    const { seed, createdAccounts } = seedWith({ ADMIN_EMAIL: '', ADMIN_PASSWORD: '' }, []);

    await expect(seed.execute()).resolves.toBe('disabled');
    expect(createdAccounts).toEqual([]);
  });
});
