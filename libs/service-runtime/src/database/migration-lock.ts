/** The SQL stores whose migrations run under a lock: PostgreSQL and MariaDB/MySQL. */
export type MigrationDialect = 'postgres' | 'mysql';

/** One database connection held for as long as the lock is (a TypeORM `QueryRunner`). */
export interface MigrationLockSession {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
  release(): Promise<void>;
}

/** The part of a TypeORM `DataSource` this uses; the library stays free of TypeORM. */
export interface MigratingDataSource {
  readonly options: { readonly migrationsRun?: boolean };
  initialize(): Promise<unknown>;
  destroy(): Promise<void>;
  createQueryRunner(): MigrationLockSession;
  runMigrations(options: { transaction: 'all' }): Promise<unknown>;
}

export interface MigrationLockOptions {
  readonly dialect: MigrationDialect;
  /** How long a replica waits for another one's migrations before its boot fails. */
  readonly waitSeconds?: number;
}

/**
 * Below the apps' startup probe (120 s), so that a replica stuck behind a lock says why before
 * the kubelet kills it without a word.
 */
export const MIGRATION_LOCK_WAIT_SECONDS = 60;

/**
 * The PostgreSQL advisory lock key: "polyshop" in ASCII. Advisory locks belong to a database,
 * so one constant serves every service and every test database.
 */
export const POSTGRES_MIGRATION_LOCK_KEY = 0x706f6c7973686f70n;

// MySQL refuses longer lock names.
const MYSQL_LOCK_NAME_MAX = 64;

/**
 * The MySQL/MariaDB lock name for `database`. `GET_LOCK` names are server-wide, unlike
 * PostgreSQL's advisory locks: naming the database keeps two databases of one server apart.
 */
export function mysqlMigrationLockName(database: string): string {
  return `migrations:${database}`.slice(0, MYSQL_LOCK_NAME_MAX);
}

/**
 * Initialises `dataSource` and applies its pending migrations while holding a database lock on
 * one connection, so that replicas booting together migrate one after the other: the later
 * ones wait, then find nothing to do. TypeORM's own `migrationsRun` takes no lock, hence this
 * instead of it. Fails, with the data source destroyed, when the migrations fail or another
 * replica holds the lock for longer than `waitSeconds`; the lock is released either way.
 */
export async function initializeWithLockedMigrations<D extends MigratingDataSource>(
  dataSource: D,
  options: MigrationLockOptions,
): Promise<D> {
  if (dataSource.options.migrationsRun) {
    throw new Error('migrationsRun would migrate before the migration lock is taken: turn it off');
  }
  await dataSource.initialize();
  try {
    await runMigrationsLocked(dataSource, options);
  } catch (error) {
    // Closing the pool also ends the lock's session, should releasing it have failed.
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

/**
 * A TypeORM `dataSourceFactory` (for `TypeOrmModule.forRootAsync`) that builds the data source
 * with `DataSourceClass` and hands it to `initializeWithLockedMigrations`.
 */
export function withLockedMigrations<O, D extends MigratingDataSource>(
  DataSourceClass: new (options: O) => D,
  lock: MigrationLockOptions,
): (options?: O) => Promise<D> {
  return async (options) => {
    if (options === undefined) throw new Error('no data source options to migrate with');
    return initializeWithLockedMigrations(new DataSourceClass(options), lock);
  };
}

async function runMigrationsLocked(
  dataSource: MigratingDataSource,
  { dialect, waitSeconds = MIGRATION_LOCK_WAIT_SECONDS }: MigrationLockOptions,
): Promise<void> {
  const session = dataSource.createQueryRunner();
  try {
    const unlock = await LOCKS[dialect](session, waitSeconds);
    try {
      // What migrationsRun did: every pending migration in one transaction.
      await dataSource.runMigrations({ transaction: 'all' });
    } finally {
      await unlock();
    }
  } finally {
    await session.release();
  }
}

/** Takes the lock on `session`, waiting at most `waitSeconds`; resolves to its release. */
type TakeLock = (
  session: MigrationLockSession,
  waitSeconds: number,
) => Promise<() => Promise<void>>;

const LOCKS: Record<MigrationDialect, TakeLock> = {
  async postgres(session, waitSeconds) {
    // lock_timeout bounds the wait. It is a session setting, and the connection goes back to
    // the pool afterwards: reset at once.
    await session.query(`SELECT set_config('lock_timeout', $1, false)`, [`${waitSeconds}s`]);
    try {
      await session.query(`SELECT pg_advisory_lock(${POSTGRES_MIGRATION_LOCK_KEY})`);
    } catch (error) {
      // 55P03 lock_not_available: lock_timeout ran out.
      if (codeOf(error) === '55P03') throw lockTimedOut(waitSeconds, error);
      throw error;
    } finally {
      await session.query('RESET lock_timeout');
    }
    return async () => {
      await session.query(`SELECT pg_advisory_unlock(${POSTGRES_MIGRATION_LOCK_KEY})`);
    };
  },

  async mysql(session, waitSeconds) {
    const [{ database }] = (await session.query('SELECT DATABASE() AS `database`')) as [
      { database: string },
    ];
    const name = mysqlMigrationLockName(database);
    const [{ acquired }] = (await session.query('SELECT GET_LOCK(?, ?) AS acquired', [
      name,
      waitSeconds,
    ])) as [{ acquired: number | string | null }];
    // 1: taken; 0: timed out; NULL: an error such as the session being killed.
    if (acquired === null) throw new Error(`GET_LOCK('${name}') failed`);
    if (Number(acquired) !== 1) throw lockTimedOut(waitSeconds);
    return async () => {
      await session.query('SELECT RELEASE_LOCK(?)', [name]);
    };
  },
};

function lockTimedOut(waitSeconds: number, cause?: unknown): Error {
  return new Error(
    `gave up on the migration lock after ${waitSeconds} s: another replica is still migrating`,
    { cause },
  );
}

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null
    ? (error as { code?: unknown }).code
    : undefined;
}
