import { randomUUID } from 'node:crypto';
import { LOCAL_URLS } from '@polyshop/config';
import { RPC_PATTERNS } from '@polyshop/contracts';
import { DataSource } from 'typeorm';
import { USER_SERVICE_MIGRATIONS } from '../database/migrations';
import { UserServiceTestApp } from '../testing/user-service.test-app';
import { EmailBlindIndex } from './pii/email-blind-index';

/** An asymmetric matcher typed as the value it stands for. */
const anyString = () => expect.any(String) as string;

// Read when the app module is first imported (UserServiceTestApp.start): set before that.
const ADMIN_EMAIL = `Admin.${randomUUID()}@Example.com`;
const ADMIN_PASSWORD = 'admin password for this run';
process.env.ADMIN_EMAIL = ADMIN_EMAIL;
process.env.ADMIN_PASSWORD = ADMIN_PASSWORD;

describe('admin account seeded at boot (PostgreSQL, NATS)', () => {
  const running: UserServiceTestApp[] = [];
  let adminId: string | undefined;

  const boot = async () => {
    const service = await UserServiceTestApp.start();
    running.push(service);
    return service;
  };
  const adminRows = (service: UserServiceTestApp) =>
    service.db.query<{ id: string; role: string }[]>(
      'SELECT id, role FROM users WHERE email_index = $1',
      [service.app.get(EmailBlindIndex).of(ADMIN_EMAIL)],
    );

  beforeAll(async () => {
    // As a deployment's migration step would: replicas booting together then find the schema.
    const db = new DataSource({
      type: 'postgres',
      url: process.env.USER_DB_URL ?? LOCAL_URLS.userDb,
      migrations: USER_SERVICE_MIGRATIONS,
    });
    await db.initialize();
    try {
      await db.runMigrations();
    } finally {
      await db.destroy();
    }
  });

  afterAll(async () => {
    const [service] = running;
    if (service && adminId) await service.deleteUsers([adminId]);
    await Promise.all(running.map((s) => s.close()));
  });

  it('creates the admin once when two replicas boot together, with one user.registered.v1', async () => {
    const [first] = await Promise.all([boot(), boot()]);

    const rows = await adminRows(first);
    expect(rows).toEqual([{ id: anyString(), role: 'admin' }]);
    adminId = rows[0].id;
    const [event] = await first.publishedRegistration(adminId);
    expect(event.envelope.data).toEqual({ userId: adminId, role: 'admin' });
  });

  it('leaves the admin as it is on a later boot, and lets it log in as admin', async () => {
    const later = await boot();

    expect(await adminRows(later)).toEqual([{ id: adminId, role: 'admin' }]);
    expect(await later.registeredEvents(adminId ?? '')).toHaveLength(1);
    await expect(
      later.call(RPC_PATTERNS.USERS_LOGIN, {
        email: ADMIN_EMAIL.toLowerCase(),
        password: ADMIN_PASSWORD,
      }),
    ).resolves.toEqual({ userId: adminId, role: 'admin' });
    await expect(
      later.call(RPC_PATTERNS.USERS_GET_PROFILE, { userId: adminId }),
    ).resolves.toMatchObject({ email: ADMIN_EMAIL, name: 'Administrator', address: null });
  });
});
