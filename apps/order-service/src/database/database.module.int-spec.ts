import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { LOCAL_URLS } from '@polyshop/config';
import { initializeWithLockedMigrations, mysqlMigrationLockName } from '@polyshop/service-runtime';
import { waitFor } from '@polyshop/testing';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { DatabaseModule } from './database.module';

/** A migration that creates a table, so that a test can tell whether it ran. */
class ProbeTable1000000000000 implements MigrationInterface {
  name = 'ProbeTable1000000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE probe (id integer PRIMARY KEY)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE probe');
  }
}

class Failing1000000000001 implements MigrationInterface {
  name = 'Failing1000000000001';

  up(): Promise<void> {
    return Promise.reject(new Error('this migration fails'));
  }

  down(): Promise<void> {
    return Promise.resolve();
  }
}

describe('order-service migrations at boot, with several replicas (MariaDB)', () => {
  const serverUrl = process.env.ORDER_DB_URL ?? LOCAL_URLS.orderDb;
  const closing: (() => Promise<unknown>)[] = [];
  let server: DataSource;
  let database: string;
  let url: string;
  /** The test's own connection to the fresh database, to look at it and hold the lock. */
  let observer: DataSource;

  beforeAll(async () => {
    server = await new DataSource({ type: 'mysql', url: serverUrl }).initialize();
  });

  afterAll(async () => {
    await server?.destroy();
  });

  beforeEach(async () => {
    // The local user may create `orders_*` databases only.
    database = `orders_migrations_test_${randomBytes(6).toString('hex')}`;
    await server.query(`CREATE DATABASE ${database}`);
    const databaseUrl = new URL(serverUrl);
    databaseUrl.pathname = `/${database}`;
    url = databaseUrl.toString();
    observer = await new DataSource({ type: 'mysql', url }).initialize();
    closing.push(() => observer.destroy());
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    for (const close of closing.splice(0).reverse()) await close();
    await server.query(`DROP DATABASE IF EXISTS ${database}`);
  });

  /** The app's DatabaseModule on the fresh database, as one replica boots it. */
  const bootReplica = async (): Promise<DataSource> => {
    const replica = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          load: [() => ({ ORDER_DB_URL: url })],
        }),
        DatabaseModule,
      ],
    }).compile();
    closing.push(() => replica.close());
    return replica.get(DataSource);
  };

  /** Takes the migration lock from the test, as a replica migrating would hold it. */
  const holdLock = async (): Promise<() => Promise<void>> => {
    const name = mysqlMigrationLockName(database);
    const session = observer.createQueryRunner();
    const [{ acquired }] = (await session.query('SELECT GET_LOCK(?, 0) AS acquired', [name])) as {
      acquired: string | number;
    }[];
    if (Number(acquired) !== 1) throw new Error(`the test could not take lock ${name}`);
    return async () => {
      await session.query('SELECT RELEASE_LOCK(?)', [name]);
      await session.release();
    };
  };

  const lockWaiters = async () => {
    const [{ n }] = await observer.query<{ n: string | number }[]>(
      `SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST
       WHERE DB = DATABASE() AND INFO LIKE 'SELECT GET_LOCK%'`,
    );
    return Number(n);
  };

  const tables = async () => {
    const rows = await observer.query<{ name: string }[]>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = DATABASE() ORDER BY table_name`,
    );
    return rows.map((row) => row.name);
  };

  const appliedMigrations = async () => {
    const rows = await observer.query<{ name: string }[]>('SELECT name FROM migrations');
    return rows.map((row) => row.name).sort();
  };

  const declaredMigrations = (dataSource: DataSource) =>
    dataSource.migrations.map((migration) => migration.name).sort();

  it('boots two replicas together on a fresh database, each migration applied once', async () => {
    // TypeOrmModule logs a failed attempt before retrying it: a collision would show there.
    const failedAttempts = jest.spyOn(Logger.prototype, 'error');

    const replicas = await Promise.all([bootReplica(), bootReplica()]);

    expect(failedAttempts).not.toHaveBeenCalled();
    expect(await appliedMigrations()).toEqual(declaredMigrations(replicas[0]));
    for (const replica of replicas) expect(await replica.showMigrations()).toBe(false);
  });

  it('keeps a replica waiting while the lock is held, then migrates it', async () => {
    const unlock = await holdLock();
    const booting = bootReplica();

    await waitFor(lockWaiters, (n) => n === 1, { description: 'a replica waiting for the lock' });
    expect(await tables()).toEqual([]);

    await unlock();
    const replica = await booting;
    expect(await appliedMigrations()).toEqual(declaredMigrations(replica));
  });

  it('gives up with a clear error once the wait is over, having migrated nothing', async () => {
    closing.push(await holdLock());
    const dataSource = new DataSource({
      type: 'mysql',
      url,
      migrations: [ProbeTable1000000000000],
    });

    await expect(
      initializeWithLockedMigrations(dataSource, { dialect: 'mysql', waitSeconds: 1 }),
    ).rejects.toThrow('gave up on the migration lock after 1 s');
    expect(dataSource.isInitialized).toBe(false);
    expect(await tables()).toEqual([]);
  });

  it('releases the lock when a migration fails', async () => {
    const failing = new DataSource({ type: 'mysql', url, migrations: [Failing1000000000001] });
    await expect(initializeWithLockedMigrations(failing, { dialect: 'mysql' })).rejects.toThrow(
      'this migration fails',
    );
    expect(failing.isInitialized).toBe(false);

    const [{ free }] = await observer.query<{ free: string | number }[]>(
      'SELECT IS_FREE_LOCK(?) AS free',
      [mysqlMigrationLockName(database)],
    );
    expect(Number(free)).toBe(1);
  });
});
