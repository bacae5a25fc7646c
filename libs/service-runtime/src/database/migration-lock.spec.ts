import {
  initializeWithLockedMigrations,
  mysqlMigrationLockName,
  withLockedMigrations,
  type MigratingDataSource,
  type MigrationDialect,
} from './migration-lock';

/** What the data source's server answers; `undefined` leaves the default answer. */
type Server = (sql: string) => unknown;

/**
 * A data source on a scripted server that records, in order, what the lock code did: the SQL of
 * its lock session, the migrations, and the session's and pool's lifecycle.
 */
class ScriptedDataSource implements MigratingDataSource {
  readonly steps: string[] = [];

  constructor(
    readonly options: { migrationsRun?: boolean },
    private readonly server: Server = () => undefined,
    private readonly migrate: () => Promise<void> = () => Promise.resolve(),
  ) {}

  initialize(): Promise<void> {
    this.steps.push('initialize');
    return Promise.resolve();
  }

  destroy(): Promise<void> {
    this.steps.push('destroy');
    return Promise.resolve();
  }

  createQueryRunner() {
    return {
      query: (sql: string) => {
        this.steps.push(sql);
        const answer = this.server(sql);
        return answer instanceof Error
          ? Promise.reject(answer)
          : Promise.resolve(answer ?? defaultAnswer(sql));
      },
      release: () => {
        this.steps.push('release session');
        return Promise.resolve();
      },
    };
  }

  async runMigrations(): Promise<void> {
    this.steps.push('migrate');
    await this.migrate();
  }

  /** The steps that take or give back something: the lock, the session, the pool. */
  lifecycle(): string[] {
    return this.steps.flatMap((step) => {
      if (/pg_advisory_lock|GET_LOCK/.test(step)) return ['lock'];
      if (/pg_advisory_unlock|RELEASE_LOCK/.test(step)) return ['unlock'];
      return /^SELECT|^RESET/.test(step) ? [] : [step];
    });
  }
}

const defaultAnswer = (sql: string): unknown => {
  if (sql.includes('DATABASE()')) return [{ database: 'orders' }];
  if (sql.includes('GET_LOCK')) return [{ acquired: '1' }];
  return [{}];
};

/** A boot that migrates: the migrations run between taking the lock and giving it back. */
const MIGRATED_UNDER_LOCK = ['initialize', 'lock', 'migrate', 'unlock', 'release session'];

const lockTimeout = () =>
  Object.assign(new Error('canceling statement due to lock timeout'), { code: '55P03' });

describe('initializeWithLockedMigrations', () => {
  it.each<MigrationDialect>(['postgres', 'mysql'])(
    'migrates between taking and giving back the lock, on one session (%s)',
    async (dialect) => {
      const dataSource = new ScriptedDataSource({});

      await expect(initializeWithLockedMigrations(dataSource, { dialect })).resolves.toBe(
        dataSource,
      );

      expect(dataSource.lifecycle()).toEqual(MIGRATED_UNDER_LOCK);
    },
  );

  it.each<MigrationDialect>(['postgres', 'mysql'])(
    'gives the lock back and destroys the data source when a migration fails (%s)',
    async (dialect) => {
      const dataSource = new ScriptedDataSource({}, undefined, () =>
        Promise.reject(new Error('bad migration')),
      );

      await expect(initializeWithLockedMigrations(dataSource, { dialect })).rejects.toThrow(
        'bad migration',
      );

      expect(dataSource.lifecycle()).toEqual([...MIGRATED_UNDER_LOCK, 'destroy']);
    },
  );

  it('fails clearly, without migrating, when GET_LOCK times out (MySQL answers 0)', async () => {
    const dataSource = new ScriptedDataSource({}, (sql) =>
      sql.includes('GET_LOCK') ? [{ acquired: 0 }] : undefined,
    );

    await expect(
      initializeWithLockedMigrations(dataSource, { dialect: 'mysql', waitSeconds: 7 }),
    ).rejects.toThrow('gave up on the migration lock after 7 s');

    expect(dataSource.lifecycle()).toEqual(['initialize', 'lock', 'release session', 'destroy']);
  });

  it('fails when GET_LOCK answers NULL (the waiting session was killed)', async () => {
    const dataSource = new ScriptedDataSource({}, (sql) =>
      sql.includes('GET_LOCK') ? [{ acquired: null }] : undefined,
    );

    await expect(initializeWithLockedMigrations(dataSource, { dialect: 'mysql' })).rejects.toThrow(
      "GET_LOCK('migrations:orders') failed",
    );
    expect(dataSource.steps).not.toContain('migrate');
  });

  it('bounds the PostgreSQL wait with lock_timeout, reset before the session goes back', async () => {
    const dataSource = new ScriptedDataSource({}, (sql) =>
      sql.includes('pg_advisory_lock') ? lockTimeout() : undefined,
    );

    const failure = initializeWithLockedMigrations(dataSource, {
      dialect: 'postgres',
      waitSeconds: 5,
    });

    await expect(failure).rejects.toThrow('gave up on the migration lock after 5 s');
    await expect(failure).rejects.toHaveProperty('cause.code', '55P03');
    expect(dataSource.steps).toEqual([
      'initialize',
      "SELECT set_config('lock_timeout', $1, false)",
      expect.stringContaining('pg_advisory_lock'),
      'RESET lock_timeout',
      'release session',
      'destroy',
    ]);
  });

  it('passes on PostgreSQL errors other than the lock timeout as they are', async () => {
    const refused = Object.assign(new Error('connection refused'), { code: 'ECONNREFUSED' });
    const dataSource = new ScriptedDataSource({}, (sql) =>
      sql.includes('pg_advisory_lock') ? refused : undefined,
    );

    await expect(initializeWithLockedMigrations(dataSource, { dialect: 'postgres' })).rejects.toBe(
      refused,
    );
  });

  it('refuses a data source that would run its migrations itself, before connecting', async () => {
    const dataSource = new ScriptedDataSource({ migrationsRun: true });

    await expect(
      initializeWithLockedMigrations(dataSource, { dialect: 'postgres' }),
    ).rejects.toThrow('migrationsRun would migrate before the migration lock is taken');
    expect(dataSource.steps).toEqual([]);
  });
});

describe('withLockedMigrations', () => {
  it('builds the data source from the options TypeOrmModule passes, then migrates it', async () => {
    const options = { migrationsRun: false };

    const dataSource = await withLockedMigrations(ScriptedDataSource, { dialect: 'postgres' })(
      options,
    );

    expect(dataSource.options).toBe(options);
    expect(dataSource.lifecycle()).toEqual(MIGRATED_UNDER_LOCK);
  });

  it('rejects a call without options', async () => {
    await expect(withLockedMigrations(ScriptedDataSource, { dialect: 'mysql' })()).rejects.toThrow(
      'no data source options',
    );
  });
});

describe('mysqlMigrationLockName', () => {
  it('names the database, cut to the 64 characters MySQL allows', () => {
    expect(mysqlMigrationLockName('orders')).toBe('migrations:orders');
    expect(mysqlMigrationLockName('o'.repeat(64))).toHaveLength(64);
  });
});
