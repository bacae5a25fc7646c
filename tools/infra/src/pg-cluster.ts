import fs from 'node:fs';
import path from 'node:path';
import { errorMessage, InfraError } from './errors';
import { isProcessOf, logTail, readPid, stopProcess } from './processes';
import { run } from './runner';
import type { DownOutcome } from './store';

export type PgSettings = Readonly<Record<string, string | number>>;

/** Our settings file, included from postgresql.conf and rewritten on every start. */
export const SETTINGS_FILE = 'polyshop.conf';

export function renderPostgresConf(settings: PgSettings): string {
  const value = (v: string | number) =>
    typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`;
  return [
    '# Written by tools/infra on every start: change tools/infra/src, not this file.',
    ...Object.entries(settings).map(([key, v]) => `${key} = ${value(v)}`),
    '',
  ].join('\n');
}

export interface PgClusterOptions {
  /** Runs a command as the postgres user, e.g. `runuser -u postgres --` (or through a chroot). */
  readonly asPostgres: readonly string[];
  /** Directory of pg_ctl and initdb, as the commands see it. */
  readonly binDir: string;
  /** PGDATA on this machine (pid file, settings) and as the server sees it (same unless chrooted). */
  readonly dataDir: string;
  readonly serverDataDir: string;
  readonly logFile: string;
  readonly serverLogFile: string;
}

const INITDB_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_S = 30;

/** A PostgreSQL server driven by initdb and pg_ctl, run as the postgres user. */
export class PgCluster {
  constructor(private readonly options: PgClusterOptions) {}

  private pgCommand(args: readonly string[], timeoutMs: number) {
    const [command, ...prefix] = this.options.asPostgres;
    if (command === undefined) throw new InfraError('asPostgres must name a command');
    return run(command, [...prefix, ...args], { timeoutMs, logFile: this.options.logFile });
  }

  /** The postmaster's pid if it runs on our data directory. */
  pid(): number | undefined {
    const pid = readPid(path.join(this.options.dataDir, 'postmaster.pid'));
    return isProcessOf(pid, this.options.serverDataDir) ? pid : undefined;
  }

  isInitialised(): boolean {
    return fs.existsSync(path.join(this.options.dataDir, 'PG_VERSION'));
  }

  /** initdb into a scratch directory renamed when complete: a half-made cluster is never used. */
  async init(initdbArgs: readonly string[]): Promise<void> {
    const scratch = `${this.options.dataDir}.partial`;
    fs.rmSync(scratch, { recursive: true, force: true });
    await this.pgCommand(
      [
        path.join(this.options.binDir, 'initdb'),
        '-D',
        `${this.options.serverDataDir}.partial`,
        ...initdbArgs,
      ],
      INITDB_TIMEOUT_MS,
    );
    fs.appendFileSync(path.join(scratch, 'postgresql.conf'), `\ninclude '${SETTINGS_FILE}'\n`);
    fs.renameSync(scratch, this.options.dataDir);
  }

  writeSettings(settings: PgSettings): void {
    fs.writeFileSync(path.join(this.options.dataDir, SETTINGS_FILE), renderPostgresConf(settings));
  }

  async start(what: string, deadlineMs: number): Promise<void> {
    const seconds = Math.ceil(deadlineMs / 1000);
    const pgCtl = path.join(this.options.binDir, 'pg_ctl');
    const args = [
      '-D',
      this.options.serverDataDir,
      '-l',
      this.options.serverLogFile,
      '-w',
      '-t',
      String(seconds),
    ];
    try {
      await this.pgCommand([pgCtl, ...args, 'start'], deadlineMs + 10_000);
    } catch (error) {
      const reason = errorMessage(error).split('\n')[0] ?? '';
      throw new InfraError(`${what} could not start: ${reason}${logTail(this.options.logFile)}`);
    }
  }

  /** `pg_ctl stop -m fast`; killed if it is still there afterwards. */
  async stop(): Promise<DownOutcome> {
    const pid = this.pid();
    if (pid === undefined) return 'not running';
    const pgCtl = path.join(this.options.binDir, 'pg_ctl');
    await this.pgCommand(
      [
        pgCtl,
        '-D',
        this.options.serverDataDir,
        '-m',
        'fast',
        '-w',
        '-t',
        String(STOP_TIMEOUT_S),
        'stop',
      ],
      (STOP_TIMEOUT_S + 10) * 1000,
    ).catch(() => undefined);
    if (this.pid() !== undefined) await stopProcess(pid, 1000);
    return 'stopped';
  }
}
