import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { errorMessage, InfraError } from './errors';
import { portEnvName } from './settings';
import { SYSTEM } from './system-binaries';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The last lines of a log file, for error messages; empty if there is none. */
export function tailFile(file: string, lines = 20): string {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Alive and not a zombie (a dead child not yet reaped still answers `kill -0`). */
export function isAlive(pid: number): boolean {
  try {
    return !/\) [ZX] /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

export function readPid(pidFile: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]?.trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True if `pid` runs (not a zombie) and its command line contains `marker`, so that a stale
 * pid file whose number was reused by an unrelated process is never taken for ours.
 */
export function isProcessOf(pid: number | undefined, marker: string): pid is number {
  if (pid === undefined || !isAlive(pid)) return false;
  try {
    const commandLine = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    return commandLine.includes(marker);
  } catch {
    return false;
  }
}

export interface DetachedOptions {
  readonly logFile: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

/** Starts a server in its own session (survives this CLI and Ctrl-C), output to its log file. */
export function spawnDetached(command: string, args: readonly string[], options: DetachedOptions) {
  const logFd = fs.openSync(options.logFile, 'a');
  try {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ['ignore', logFd, logFd],
    });
    child.on('error', () => undefined); // reported by the readiness wait (process not alive)
    child.unref();
    if (child.pid === undefined) {
      throw new InfraError(`Could not start ${command}: is it installed?`);
    }
    return child.pid;
  } finally {
    fs.closeSync(logFd);
  }
}

/** TERM (the process group when `group`), wait up to `graceMs`, then KILL. */
export async function stopProcess(pid: number, graceMs: number, group = false): Promise<void> {
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(group ? -pid : pid, name);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (!isAlive(pid)) return;
  signal('SIGKILL');
  while (isAlive(pid) && Date.now() < deadline + 5000) await sleep(100);
}

const canListen = (host: string, port: number) =>
  new Promise<boolean>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' ? resolve(false) : reject(error),
    );
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });

/** Best effort: which process listens on the port, from `ss`. */
function portHolder(port: number): string | undefined {
  try {
    const out = execFileSync(SYSTEM.ss, ['-Hltnp', `sport = :${port}`], {
      timeout: 2000,
    }).toString();
    const match = /users:\(\("([^"]+)",pid=(\d+)/.exec(out);
    return match ? `${match[1]} (pid ${match[2]})` : undefined;
  } catch {
    return undefined;
  }
}

/** Ports the kernel hands out to outgoing connections, which can hold a port without listening. */
function isEphemeral(port: number): boolean {
  try {
    const [low, high] = fs
      .readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    return low !== undefined && high !== undefined && port >= low && port <= high;
  } catch {
    return false;
  }
}

/** Checked before starting a store, so a foreign listener is named instead of a vague failure. */
export async function assertPortFree(host: string, port: number, store: string): Promise<void> {
  if (await canListen(host, port)) return;
  const holder = portHolder(port);
  const who = holder
    ? ` by ${holder}`
    : isEphemeral(port)
      ? ' by a connection (it is in the ephemeral range; choose a port outside it)'
      : '';
  throw new InfraError(
    `Port ${port} for ${store} is already taken${who}, and not by our ${store}. ` +
      `Stop that process or choose another port with ${portEnvName(store)}.`,
  );
}

export interface WaitOptions<T> {
  /** Shown in the error, e.g. "postgres-user (port 15432)". */
  readonly what: string;
  readonly deadlineMs: number;
  /** Resolves to a value when ready; undefined or a rejection means "not yet". */
  readonly probe: () => Promise<T | undefined>;
  /** Stops waiting at once when the server process died. */
  readonly stillRunning?: () => boolean;
  readonly logFile?: string;
  readonly intervalMs?: number;
}

/** Polls until ready; fails at the deadline or when the process dies, with the log's tail. */
export async function waitUntil<T>(options: WaitOptions<T>): Promise<T> {
  const deadline = Date.now() + options.deadlineMs;
  let lastError = '';
  for (;;) {
    try {
      const value = await options.probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = errorMessage(error);
    }
    const died = options.stillRunning !== undefined && !options.stillRunning();
    if (died || Date.now() >= deadline) {
      const why = died
        ? 'exited before it became ready'
        : `did not become ready within ${Math.round(options.deadlineMs / 1000)}s`;
      throw new InfraError(
        `${options.what} ${why}` +
          (lastError ? ` (last probe error: ${lastError})` : '') +
          logTail(options.logFile),
      );
    }
    await sleep(options.intervalMs ?? 150);
  }
}

export function logTail(logFile: string | undefined): string {
  if (logFile === undefined) return '';
  const tail = tailFile(logFile);
  return tail
    ? `\n  --- last lines of ${logFile} ---\n${tail.replace(/^/gm, '  | ')}`
    : `\n  (log ${logFile} is empty)`;
}
