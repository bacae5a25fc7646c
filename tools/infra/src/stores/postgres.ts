import path from 'node:path';
import { escapeIdentifier, escapeLiteral } from 'pg';
import { LOCAL_CREDENTIALS, type LocalStore } from '@polyshop/config';
import { errorMessage } from '../errors';
import type { BinaryRequirement } from '../packages';
import { withPgClient } from '../pg-client';
import { PgCluster } from '../pg-cluster';
import { assertPortFree, waitUntil } from '../processes';
import type { InfraSettings } from '../settings';
import { SYSTEM } from '../system-binaries';
import type { DownOutcome, Endpoint, Log, Store, StoreStatus, UpOutcome } from '../store';
import { assertReachable, ownedDir, ownedFile, unixUser } from '../users';

const BIN_DIR = '/usr/lib/postgresql/15/bin';
const DEADLINE_MS = 30_000;

/**
 * A PostgreSQL 15 server of its own for one service (user-service and payment-service each get
 * one): data, socket and settings under `.data/<name>/`, run as the postgres user.
 */
export class PostgresStore implements Store {
  readonly name: string;
  readonly endpoints: readonly Endpoint[];
  readonly binaries: readonly BinaryRequirement[] = [
    { binary: path.join(BIN_DIR, 'pg_ctl'), debianPackage: 'postgresql-15' },
    { binary: SYSTEM.runuser, debianPackage: 'util-linux' },
  ];
  readonly dependsOn: readonly string[] = [];
  readonly dataDir: string;
  private readonly port: number;
  private readonly socketDir: string;
  private readonly logFile: string;
  private readonly cluster: PgCluster;

  constructor(
    private readonly settings: InfraSettings,
    store: LocalStore,
    port: number,
    private readonly database: string,
  ) {
    this.name = store.name;
    this.port = port;
    this.dataDir = path.join(settings.dataDir, store.name);
    this.socketDir = path.join(this.dataDir, 'run');
    this.logFile = path.join(settings.logsDir, `${store.name}.log`);
    const { user, password } = LOCAL_CREDENTIALS;
    this.endpoints = [
      {
        name: store.name,
        owner: store.owner,
        url: `postgres://${user}:${password}@${settings.host}:${port}/${database}`,
      },
    ];
    const pgData = path.join(this.dataDir, 'pgdata');
    this.cluster = new PgCluster({
      asPostgres: [SYSTEM.runuser, '-u', 'postgres', '--'],
      binDir: BIN_DIR,
      dataDir: pgData,
      serverDataDir: pgData,
      logFile: this.logFile,
      serverLogFile: this.logFile,
    });
  }

  async up(log: Log): Promise<UpOutcome> {
    const running = this.cluster.pid() !== undefined;
    if (!running) {
      await assertPortFree(this.settings.host, this.port, this.name);
      const postgres = unixUser('postgres');
      ownedDir(this.dataDir, postgres);
      assertReachable(this.dataDir, 'postgres', postgres);
      ownedDir(this.socketDir, postgres);
      ownedFile(this.logFile, postgres);
      if (!this.cluster.isInitialised()) {
        log('initialising a new cluster');
        await this.cluster.init([
          '-U',
          'postgres',
          '--auth-local=trust',
          '--auth-host=scram-sha-256',
          '--encoding=UTF8',
          '--locale=C.UTF-8',
        ]);
      }
      this.cluster.writeSettings({
        listen_addresses: this.settings.host,
        port: this.port,
        unix_socket_directories: this.socketDir,
        max_connections: 200,
      });
      await this.cluster.start(`${this.name} (port ${this.port})`, DEADLINE_MS);
    }
    await waitUntil({
      what: `${this.name} (port ${this.port})`,
      deadlineMs: DEADLINE_MS,
      probe: async () => {
        await this.provision();
        return (await this.probe()) ? true : undefined;
      },
      stillRunning: () => this.cluster.pid() !== undefined,
      logFile: this.logFile,
    });
    return { state: running ? 'already running' : 'started' };
  }

  down(_log: Log): Promise<DownOutcome> {
    return this.cluster.stop();
  }

  async status(): Promise<StoreStatus> {
    const pid = this.cluster.pid();
    if (pid === undefined) return { state: 'stopped' };
    try {
      return (await this.probe())
        ? { state: 'running', pid }
        : { state: 'not answering', pid, reason: 'unexpected answer' };
    } catch (error) {
      return { state: 'not answering', pid, reason: errorMessage(error) };
    }
  }

  /** Role polyshop (may create test databases) owning the service's database; idempotent. */
  private provision(): Promise<void> {
    const { user, password } = LOCAL_CREDENTIALS;
    const admin = { host: this.socketDir, port: this.port, user: 'postgres', database: 'postgres' };
    return withPgClient(admin, async (client) => {
      const role = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [user]);
      if (role.rowCount === 0) {
        await client.query(
          `CREATE ROLE ${escapeIdentifier(user)} LOGIN CREATEDB PASSWORD ${escapeLiteral(password)}`,
        );
      }
      const db = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        this.database,
      ]);
      if (db.rowCount === 0) {
        await client.query(
          `CREATE DATABASE ${escapeIdentifier(this.database)} OWNER ${escapeIdentifier(user)}`,
        );
      }
    });
  }

  /** What a service does: log in as polyshop over TCP and query its database. */
  private probe(): Promise<boolean> {
    const { user, password } = LOCAL_CREDENTIALS;
    const config = {
      host: this.settings.host,
      port: this.port,
      user,
      password,
      database: this.database,
    };
    return withPgClient(config, async (client) => {
      const result = await client.query<{ one: number }>('SELECT 1 AS one');
      return result.rows[0]?.one === 1;
    });
  }
}
