import fs from 'node:fs';
import type { DownOutcome } from './store';
import {
  isProcessOf,
  readPid,
  spawnDetached,
  stopProcess,
  type DetachedOptions,
} from './processes';

export interface DaemonOptions {
  readonly pidFile: string;
  /** Part of the server's command line that identifies it (binary or config path). */
  readonly marker: string;
  readonly logFile: string;
}

/** A server started by us in its own session and tracked through a pid file we write. */
export class Daemon {
  constructor(private readonly options: DaemonOptions) {}

  /** Our running server's pid, or undefined (no pid file, or a stale one). */
  pid(): number | undefined {
    const pid = readPid(this.options.pidFile);
    return isProcessOf(pid, this.options.marker) ? pid : undefined;
  }

  start(command: string, args: readonly string[], options: Omit<DetachedOptions, 'logFile'> = {}) {
    const pid = spawnDetached(command, args, { ...options, logFile: this.options.logFile });
    fs.writeFileSync(this.options.pidFile, `${pid}\n`);
    return pid;
  }

  /** TERM to the whole process group, KILL after `graceMs`. */
  async stop(graceMs: number): Promise<DownOutcome> {
    const pid = this.pid();
    if (pid !== undefined) await stopProcess(pid, graceMs, true);
    fs.rmSync(this.options.pidFile, { force: true });
    return pid === undefined ? 'not running' : 'stopped';
  }
}
