import { randomBytes } from 'node:crypto';
import { Logger, type Type } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import {
  initializeWithLockedMigrations,
  mysqlMigrationLockName,
  POSTGRES_MIGRATION_LOCK_KEY,
  type MigratingDataSource,
  type MigrationDialect,
  type MigrationLockSession,
} from '@polyshop/service-runtime';
import { waitFor } from './wait-for';

/**
 * The part of TypeORM's `DataSource` the suite uses. The services pass the class in: shared
 * libraries import no store driver.
 */
export interface LockedMigrationsDataSource extends MigratingDataSource {
  readonly isInitialized: boolean;
  readonly migrations: readonly { name?: string }[];
  initialize(): Promise<this>;
  query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T>;
  showMigrations(): Promise<boolean>;
}

/** The options the suite builds its own data sources with: a migration is a class TypeORM runs. */
export interface LockedMigrationsDataSourceOptions {
  type: MigrationDialect;
  url: string;
  migrations?: (new () => unknown)[];
}

export interface LockedMigrationsSuiteOptions {
  /** Labels the suite, e.g. `order-service migrations at boot, with several replicas (MariaDB)`. */
  title: string;
  dialect: MigrationDialect;
  /** The service's database server: every test creates a throwaway database there. */
  serverUrl: string;
  /** How the throwaway databases' names start (a local user may create some names only). */
  databasePrefix: string;
  /** The service's `DatabaseModule`, booted as a replica boots it. */
  module: Type<unknown>;
  /** The variable the module reads its database URL from, e.g. `ORDER_DB_URL`. */
  urlVariable: string;
  /** TypeORM's `DataSource`: the suite's own connections, and the module's provider token. */
  DataSource: new (options: LockedMigrationsDataSourceOptions) => LockedMigrationsDataSource;
}

/** What differs between PostgreSQL and MySQL/MariaDB for the suite. */
interface DialectProbes {
  dropDatabase(database: string): string;
  /** Takes the lock on `session`, as a migrating replica holds it; resolves to its release. */
  holdLock(session: MigrationLockSession, database: string): Promise<() => Promise<void>>;
  /** Counts the sessions of the database waiting for the migration lock (as `n`). */
  lockWaitersSql: string;
  /** Lists the database's tables (as `name`), sorted. */
  tablesSql: string;
  lockIsFree(observer: LockedMigrationsDataSource, database: string): Promise<boolean>;
  /** Whether DDL rolls back with its transaction, so that a failed batch leaves no table behind. */
  transactionalDdl: boolean;
}

const DIALECTS: Record<MigrationDialect, DialectProbes> = {
  postgres: {
    dropDatabase: (database) => `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`,
    async holdLock(session) {
      await session.query(`SELECT pg_advisory_lock(${POSTGRES_MIGRATION_LOCK_KEY})`);
      return async () => {
        await session.query(`SELECT pg_advisory_unlock(${POSTGRES_MIGRATION_LOCK_KEY})`);
      };
    },
    lockWaitersSql: `SELECT count(*)::int AS n FROM pg_locks
      WHERE locktype = 'advisory' AND NOT granted
        AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    tablesSql: `SELECT tablename AS name FROM pg_tables
      WHERE schemaname = 'public' ORDER BY tablename`,
    async lockIsFree(observer) {
      const [{ free }] = await observer.query<{ free: boolean }[]>(
        `SELECT pg_try_advisory_lock(${POSTGRES_MIGRATION_LOCK_KEY}) AS free`,
      );
      return free;
    },
    transactionalDdl: true,
  },
  mysql: {
    dropDatabase: (database) => `DROP DATABASE IF EXISTS ${database}`,
    async holdLock(session, database) {
      const name = mysqlMigrationLockName(database);
      const [{ acquired }] = (await session.query('SELECT GET_LOCK(?, 0) AS acquired', [name])) as {
        acquired: string | number;
      }[];
      if (Number(acquired) !== 1) throw new Error(`the test could not take lock ${name}`);
      return async () => {
        await session.query('SELECT RELEASE_LOCK(?)', [name]);
      };
    },
    lockWaitersSql: `SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST
      WHERE DB = DATABASE() AND INFO LIKE 'SELECT GET_LOCK%'`,
    tablesSql: `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = DATABASE() ORDER BY table_name`,
    async lockIsFree(observer, database) {
      const [{ free }] = await observer.query<{ free: string | number }[]>(
        'SELECT IS_FREE_LOCK(?) AS free',
        [mysqlMigrationLockName(database)],
      );
      return Number(free) === 1;
    },
    transactionalDdl: false,
  },
};

/** The query runner TypeORM hands a migration, as far as the suite's migrations use it. */
interface MigrationQueryRunner {
  query(sql: string): Promise<unknown>;
}

/** A migration that creates a table, so that a test can tell whether it ran. */
class ProbeTable1000000000000 {
  name = 'ProbeTable1000000000000';

  async up(queryRunner: MigrationQueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE probe (id integer PRIMARY KEY)');
  }

  async down(queryRunner: MigrationQueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE probe');
  }
}

class Failing1000000000001 {
  name = 'Failing1000000000001';

  up(): Promise<void> {
    return Promise.reject(new Error('this migration fails'));
  }

  down(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * How a SQL service migrates at boot under `withLockedMigrations`, checked on a throwaway
 * database of its real server: replicas booting together apply each migration once, a replica
 * waits while another holds the lock and gives up clearly after its wait, and a failed migration
 * gives the lock back.
 */
export function describeLockedMigrations(suite: LockedMigrationsSuiteOptions): void {
  const { dialect, DataSource } = suite;
  const probes = DIALECTS[dialect];

  describe(suite.title, () => {
    const closing: (() => Promise<unknown>)[] = [];
    let server: LockedMigrationsDataSource;
    let database: string;
    let url: string;
    /** The test's own connection to the fresh database, to look at it and hold the lock. */
    let observer: LockedMigrationsDataSource;

    beforeAll(async () => {
      server = await new DataSource({ type: dialect, url: suite.serverUrl }).initialize();
    });

    afterAll(async () => {
      await server?.destroy();
    });

    beforeEach(async () => {
      database = `${suite.databasePrefix}_migrations_test_${randomBytes(6).toString('hex')}`;
      await server.query(`CREATE DATABASE ${database}`);
      const databaseUrl = new URL(suite.serverUrl);
      databaseUrl.pathname = `/${database}`;
      url = databaseUrl.toString();
      observer = await new DataSource({ type: dialect, url }).initialize();
      closing.push(() => observer.destroy());
    });

    afterEach(async () => {
      jest.restoreAllMocks();
      for (const close of closing.splice(0).reverse()) await close();
      await server.query(probes.dropDatabase(database));
    });

    /** The app's DatabaseModule on the fresh database, as one replica boots it. */
    const bootReplica = async (): Promise<LockedMigrationsDataSource> => {
      const replica = await Test.createTestingModule({
        imports: [
          ConfigModule.forRoot({
            isGlobal: true,
            ignoreEnvFile: true,
            load: [() => ({ [suite.urlVariable]: url })],
          }),
          suite.module,
        ],
      }).compile();
      closing.push(() => replica.close());
      return replica.get(DataSource);
    };

    /** Takes the migration lock from the test, as a replica migrating would hold it. */
    const holdLock = async (): Promise<() => Promise<void>> => {
      const session = observer.createQueryRunner();
      const unlock = await probes.holdLock(session, database);
      return async () => {
        await unlock();
        await session.release();
      };
    };

    const lockWaiters = async () => {
      const [{ n }] = await observer.query<{ n: string | number }[]>(probes.lockWaitersSql);
      return Number(n);
    };

    const tables = async () => {
      const rows = await observer.query<{ name: string }[]>(probes.tablesSql);
      return rows.map((row) => row.name);
    };

    const appliedMigrations = async () => {
      const rows = await observer.query<{ name: string }[]>('SELECT name FROM migrations');
      return rows.map((row) => row.name).sort();
    };

    const declaredMigrations = (dataSource: LockedMigrationsDataSource) =>
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
        type: dialect,
        url,
        migrations: [ProbeTable1000000000000],
      });

      await expect(
        initializeWithLockedMigrations(dataSource, { dialect, waitSeconds: 1 }),
      ).rejects.toThrow('gave up on the migration lock after 1 s');
      expect(dataSource.isInitialized).toBe(false);
      expect(await tables()).toEqual([]);
    });

    it('releases the lock when a migration fails', async () => {
      const failing = new DataSource({ type: dialect, url, migrations: [Failing1000000000001] });

      await expect(initializeWithLockedMigrations(failing, { dialect })).rejects.toThrow(
        'this migration fails',
      );
      expect(failing.isInitialized).toBe(false);
      expect(await probes.lockIsFree(observer, database)).toBe(true);
    });

    // MySQL commits each DDL statement at once: there a failed batch keeps what it created.
    if (probes.transactionalDdl) {
      it('rolls back the whole batch when one migration fails, as migrationsRun did', async () => {
        const batch = new DataSource({
          type: dialect,
          url,
          migrations: [ProbeTable1000000000000, Failing1000000000001],
        });

        await expect(initializeWithLockedMigrations(batch, { dialect })).rejects.toThrow(
          'this migration fails',
        );
        expect(await tables()).not.toContain('probe');
      });
    }
  });
}
