import fs from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { LOCAL_CREDENTIALS, LOCAL_DATABASES, LOCAL_INFRA } from '@polyshop/config';
import { Daemon } from '../daemon';
import { DaemonStore, type Launch } from '../daemon-store';
import { run } from '../runner';
import type { InfraSettings } from '../settings';
import type { Endpoint, Log } from '../store';
import { assertReachable, ownedDir, unixUser } from '../users';
import { renderMariadbCnf, renderMariadbInitSql } from './mariadb-config';

const MARIADBD = '/usr/sbin/mariadbd';
const INSTALL_DB = '/usr/bin/mariadb-install-db';
const INSTALL_TIMEOUT_MS = 120_000;

/** MariaDB for order-service: own datadir, port, socket and pid file under `.data/mariadb-order/`. */
export class MariadbStore extends DaemonStore {
  readonly name = LOCAL_INFRA.orderMariadb.name;
  readonly binaries = [
    { binary: MARIADBD, debianPackage: 'mariadb-server' },
    { binary: INSTALL_DB, debianPackage: 'mariadb-server' },
  ];
  readonly dataDir: string;
  readonly endpoints: readonly Endpoint[];
  protected readonly host: string;
  protected readonly port: number;
  protected readonly deadlineMs = 60_000;
  protected readonly daemon: Daemon;
  protected readonly logFile: string;
  private readonly database = LOCAL_DATABASES.orders;
  private readonly configFile: string;

  constructor(settings: InfraSettings) {
    super();
    this.host = settings.host;
    this.port = settings.ports.orderMariadb;
    this.dataDir = path.join(settings.dataDir, this.name);
    this.configFile = path.join(this.dataDir, 'my.cnf');
    this.logFile = path.join(settings.logsDir, `${this.name}.log`);
    this.daemon = new Daemon({
      pidFile: path.join(settings.runDir, `${this.name}.pid`),
      marker: this.configFile,
      logFile: this.logFile,
    });
    const { user, password } = LOCAL_CREDENTIALS;
    this.endpoints = [
      {
        name: this.name,
        owner: LOCAL_INFRA.orderMariadb.owner,
        url: `mysql://${user}:${password}@${this.host}:${this.port}/${this.database}`,
      },
    ];
  }

  protected async prepare(log: Log): Promise<void> {
    const mysqlUser = unixUser('mysql');
    ownedDir(this.dataDir, mysqlUser);
    assertReachable(this.dataDir, 'mysql', mysqlUser);
    const runDir = ownedDir(path.join(this.dataDir, 'run'), mysqlUser);
    const dataDir = path.join(this.dataDir, 'data');
    if (!fs.existsSync(path.join(dataDir, 'mysql'))) {
      log('initialising a new data directory');
      const scratch = `${dataDir}.partial`;
      fs.rmSync(scratch, { recursive: true, force: true });
      await run(
        INSTALL_DB,
        [
          '--no-defaults',
          `--datadir=${scratch}`,
          '--user=mysql',
          '--skip-test-db',
          '--skip-name-resolve',
        ],
        { timeoutMs: INSTALL_TIMEOUT_MS, logFile: this.logFile },
      );
      fs.renameSync(scratch, dataDir);
    }
    const initFile = path.join(this.dataDir, 'init.sql');
    fs.writeFileSync(
      initFile,
      renderMariadbInitSql({ database: this.database, ...LOCAL_CREDENTIALS }),
    );
    fs.writeFileSync(
      this.configFile,
      renderMariadbCnf({
        host: this.host,
        port: this.port,
        dataDir,
        socket: path.join(runDir, 'mariadbd.sock'),
        pidFile: path.join(runDir, 'mariadbd.pid'),
        initFile,
      }),
    );
    fs.chownSync(initFile, mysqlUser.uid, mysqlUser.gid);
    fs.chmodSync(initFile, 0o600); // holds the password
  }

  protected launch(): Launch {
    return { command: MARIADBD, args: [`--defaults-file=${this.configFile}`] };
  }

  /** Logs in as polyshop over TCP, as order-service does. */
  protected async probe(): Promise<boolean> {
    const connection = await mysql.createConnection({
      host: this.host,
      port: this.port,
      ...LOCAL_CREDENTIALS,
      database: this.database,
      connectTimeout: 3000,
    });
    try {
      const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT 1 AS one');
      return rows[0]?.one === 1;
    } finally {
      await connection.end().catch(() => undefined);
    }
  }
}
