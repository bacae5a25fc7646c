import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LOCAL_INFRA } from '@polyshop/config';
import { errorMessage } from '../errors';
import { bindMount, isMountPoint, unmount } from '../mounts';
import type { BinaryRequirement } from '../packages';
import { withPgClient } from '../pg-client';
import { PgCluster } from '../pg-cluster';
import { assertPortFree, waitUntil } from '../processes';
import type { InfraSettings } from '../settings';
import { SYSTEM } from '../system-binaries';
import type { DownOutcome, Endpoint, Log, Store, StoreStatus, UpOutcome } from '../store';
import { ownedDir, ownedFile, unixUser } from '../users';
import { PG18_BIN, SidRoot } from './sid-root';

const DEADLINE_MS = 60_000;

/**
 * DocumentDB (PostgreSQL 18 + the documentdb extension) for the product catalogue, run inside
 * the cached sid root. Its data stays in `.data/documentdb/`, bind-mounted into the root at a
 * path derived from the data folder, so checkouts sharing one root never share data.
 */
export class DocumentdbStore implements Store {
  readonly name = LOCAL_INFRA.documentdb.name;
  readonly endpoints: readonly Endpoint[];
  readonly binaries: readonly BinaryRequirement[] = [
    { binary: SYSTEM.debootstrap, debianPackage: 'debootstrap' },
    { binary: SYSTEM.chroot, debianPackage: 'coreutils' },
    { binary: SYSTEM.mount, debianPackage: 'mount' },
  ];
  readonly dependsOn: readonly string[] = [];
  readonly dataDir: string;
  private readonly host: string;
  private readonly port: number;
  private readonly root: SidRoot;
  /** Where `dataDir` appears inside the root. */
  private readonly mountPoint: string;
  private readonly logFile: string;
  private readonly cluster: PgCluster;

  constructor(settings: InfraSettings) {
    this.host = settings.host;
    this.port = settings.ports.documentdb;
    this.dataDir = path.join(settings.dataDir, this.name);
    this.root = new SidRoot(settings.cacheDir, settings.logsDir);
    const id = createHash('sha256').update(this.dataDir).digest('hex').slice(0, 12);
    this.mountPoint = `/srv/polyshop/${id}`;
    this.logFile = path.join(this.dataDir, 'postgres.log');
    this.endpoints = [
      {
        name: this.name,
        owner: LOCAL_INFRA.documentdb.owner,
        url: documentdbUrl(this.host, this.port),
      },
    ];
    this.cluster = new PgCluster({
      asPostgres: [SYSTEM.chroot, this.root.path, SYSTEM.runuser, '-u', 'postgres', '--'],
      binDir: PG18_BIN,
      dataDir: path.join(this.dataDir, 'pg'),
      serverDataDir: `${this.mountPoint}/pg`,
      logFile: this.logFile,
      serverLogFile: `${this.mountPoint}/postgres.log`,
    });
  }

  private get hostMountPoint() {
    return path.join(this.root.path, this.mountPoint);
  }

  async up(log: Log): Promise<UpOutcome> {
    const running = this.cluster.pid() !== undefined;
    if (!running) {
      await assertPortFree(this.host, this.port, this.name);
      await this.root.ensure(log);
      // The root's postgres user, whose ids need not match this machine's.
      const postgres = unixUser('postgres', this.root.path);
      ownedDir(this.dataDir, postgres);
      ownedDir(path.join(this.dataDir, 'run'), postgres);
      ownedFile(this.logFile, postgres);
      fs.mkdirSync(this.hostMountPoint, { recursive: true });
      if (!isMountPoint(this.hostMountPoint)) await bindMount(this.dataDir, this.hostMountPoint);
      if (!this.cluster.isInitialised()) {
        log('initialising a new cluster');
        await this.cluster.init([
          '-U',
          'postgres',
          '--auth=trust',
          '--encoding=UTF8',
          '--locale=C.UTF-8',
        ]);
      }
      this.cluster.writeSettings({
        listen_addresses: this.host,
        port: this.port,
        unix_socket_directories: `${this.mountPoint}/run`,
        shared_preload_libraries: 'pg_cron,pg_documentdb_core,pg_documentdb',
        // The database the gateway uses: index builds run as pg_cron jobs there.
        'cron.database_name': 'postgres',
        // Background work connects back to this server, not to the default localhost:5432.
        'documentdb.localhost_connection_string': `host=${this.host} port=${this.port} dbname=postgres`,
      });
      await this.cluster.start(`${this.name} (port ${this.port})`, DEADLINE_MS);
    }
    await waitUntil({
      what: `${this.name} (port ${this.port})`,
      deadlineMs: DEADLINE_MS,
      probe: async () => ((await this.provisionAndProbe()) ? true : undefined),
      stillRunning: () => this.cluster.pid() !== undefined,
      logFile: this.logFile,
    });
    return { state: running ? 'already running' : 'started' };
  }

  async down(_log: Log): Promise<DownOutcome> {
    const outcome = await this.cluster.stop();
    if (isMountPoint(this.hostMountPoint)) await unmount(this.hostMountPoint);
    return outcome;
  }

  async status(): Promise<StoreStatus> {
    const pid = this.cluster.pid();
    if (pid === undefined) return { state: 'stopped' };
    try {
      return (await this.probe())
        ? { state: 'running', pid }
        : { state: 'not answering', pid, reason: 'the documentdb extension is missing' };
    } catch (error) {
      return { state: 'not answering', pid, reason: errorMessage(error) };
    }
  }

  private async provisionAndProbe(): Promise<boolean> {
    await withPgClient(this.adminConfig(), (client) =>
      client.query('CREATE EXTENSION IF NOT EXISTS documentdb CASCADE'),
    );
    return this.probe();
  }

  /** A call into the documentdb API, the way the gateway uses it. */
  private probe(): Promise<boolean> {
    return withPgClient(this.adminConfig(), async (client) => {
      const result = await client.query<{ ok: boolean }>(
        "SELECT documentdb_api.list_databases('{}'::documentdb_core.bson) IS NOT NULL AS ok",
      );
      return result.rows[0]?.ok === true;
    });
  }

  private adminConfig() {
    return { host: this.host, port: this.port, user: 'postgres', database: 'postgres' };
  }
}

export const documentdbUrl = (host: string, port: number) =>
  `postgres://postgres@${host}:${port}/postgres`;
