import { execFile, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import { waitFor } from '@polyshop/testing';

export const ROOT = resolve(__dirname, '../../../..');
export const WORK_DIR = join(ROOT, 'tmp', 'bench');

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Processes the bench starts (apps, pipelines), logging to `tmp/bench/<name>.log`. */
export class ProcessGroup {
  private readonly started = new Map<string, number>();

  /** Starts `args` with node (a built app, or tsx and a script); resolves with its pid. */
  spawn(name: string, args: string[], env: Record<string, string>): number {
    mkdirSync(WORK_DIR, { recursive: true });
    const log = openSync(join(WORK_DIR, `${name}.log`), 'w');
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    if (child.pid === undefined) throw new Error(`${name} did not start`);
    this.started.set(name, child.pid);
    return child.pid;
  }

  /** The pid of each process started, by name. */
  pids(): Record<string, number> {
    return Object.fromEntries(this.started);
  }

  /** Waits until `url` answers 200, failing at once (with its log's tail) if `name` ends. */
  async waitReady(name: string, url: string, timeoutMs = 120_000): Promise<void> {
    const pid = this.started.get(name);
    const exited = () => pid === undefined || !alive(pid);
    await waitFor(
      async () => {
        if (exited()) return 'exited';
        const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
        return response.status;
      },
      (status) => status === 200 || status === 'exited',
      { timeoutMs, intervalMs: 250, description: `${name} ready (${url})` },
    );
    if (exited()) {
      const log = join(WORK_DIR, `${name}.log`);
      const tail = readFileSync(log, 'utf8').split('\n').slice(-5).join('\n');
      throw new Error(`${name} exited during start (${log}):\n${tail}`);
    }
  }

  /** SIGTERM to each (SIGKILL after 20 s), and waits until they are gone. */
  async stopAll(): Promise<void> {
    await Promise.all(
      [...this.started.values()].map(async (pid) => {
        if (alive(pid)) process.kill(pid, 'SIGTERM');
        const deadline = Date.now() + 20_000;
        while (alive(pid)) {
          if (Date.now() > deadline) process.kill(pid, 'SIGKILL');
          await delay(50);
        }
      }),
    );
    this.started.clear();
  }
}

/** `tools/infra` with `args` (and `env`, e.g. another instance); resolves with its output. */
export async function infra(args: string[], env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await promisify(execFile)(
    join(ROOT, 'node_modules', '.bin', 'tsx'),
    ['--tsconfig', 'tsconfig.base.json', 'tools/infra/src/main.ts', ...args],
    { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 },
  );
  return stdout;
}

/** Pids of the servers an infra instance runs, by store name. */
export async function infraPids(env: Record<string, string> = {}): Promise<Record<string, number>> {
  return JSON.parse(await infra(['pids'], env)) as Record<string, number>;
}
