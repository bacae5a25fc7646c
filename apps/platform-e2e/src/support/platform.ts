import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/** The six apps and their usual ports (the same as `npm start`). */
export const APPS = {
  'api-gateway': { portKey: 'GATEWAY_HTTP_PORT', port: 3000, urlKey: null },
  'user-service': { portKey: 'USER_HTTP_PORT', port: 3001, urlKey: 'USER_SERVICE_URL' },
  'product-service': { portKey: 'PRODUCT_HTTP_PORT', port: 3002, urlKey: 'PRODUCT_SERVICE_URL' },
  'order-service': { portKey: 'ORDER_HTTP_PORT', port: 3003, urlKey: 'ORDER_SERVICE_URL' },
  'inventory-service': {
    portKey: 'INVENTORY_HTTP_PORT',
    port: 3004,
    urlKey: 'INVENTORY_SERVICE_URL',
  },
  'payment-service': { portKey: 'PAYMENT_HTTP_PORT', port: 3005, urlKey: 'PAYMENT_SERVICE_URL' },
} as const;

export type AppName = keyof typeof APPS;

export const APP_NAMES = Object.keys(APPS) as AppName[];

export const ROOT = resolve(__dirname, '../../../..');

/** Shortened saga deadlines so the timeout scenarios finish in seconds. */
export const E2E_ENV: Record<string, string> = {
  ORDER_SAGA_TIMEOUT_MS: '8000',
  INVENTORY_RESERVATION_TTL_MS: '60000',
  PSP_LATENCY_MS: '0',
  PSP_TRANSIENT_FAILURE_RATE: '0',
  // Every scenario comes from 127.0.0.1: the per-IP and per-user limits are tested by the gateway's own suite.
  RATE_LIMIT_AUTH: '10000',
  RATE_LIMIT_ORDERS: '10000',
};

export interface PlatformOptions {
  /** Logs and the pid file. */
  workDir: string;
  /** Added to every app's usual port; replica `r` adds `10 * r` more. */
  portOffset: number;
  /** Environment of every app, over the runner's own. */
  env: Record<string, string>;
}

/** One running process of an app: replica 0 is the app itself, others run beside it. */
export interface Instance {
  app: AppName;
  replica: number;
}

type State = Record<string, number>;

const keyOf = ({ app, replica }: Instance) => (replica === 0 ? app : `${app}#${replica}`);

export const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const tail = (file: string, lines = 30) =>
  existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '';

/**
 * The six apps as separate processes, started from their builds (`dist/apps/<app>/main.js`) and
 * tracked by PID in a state file, so that only what this platform started is ever signalled.
 */
export class Platform {
  private readonly stateFile: string;

  constructor(readonly options: PlatformOptions) {
    this.stateFile = join(options.workDir, 'state.json');
  }

  port(app: AppName, replica = 0): number {
    return APPS[app].port + this.options.portOffset + 10 * replica;
  }

  url(app: AppName, replica = 0): string {
    return `http://127.0.0.1:${this.port(app, replica)}`;
  }

  logFileOf(instance: Instance): string {
    return join(this.options.workDir, `${keyOf(instance)}.log`);
  }

  pidOf(instance: Instance): number | undefined {
    const pid = this.readState()[keyOf(instance)];
    return pid !== undefined && alive(pid) ? pid : undefined;
  }

  /** Every instance this platform started that still runs. */
  running(): Instance[] {
    return Object.entries(this.readState())
      .filter(([, pid]) => alive(pid))
      .map(([key]) => {
        const [app, replica] = key.split('#');
        return { app: app as AppName, replica: Number(replica ?? 0) };
      });
  }

  /** GET /health/ready of an instance: its status, or 0 when nothing answers. */
  async readiness(app: AppName, replica = 0): Promise<number> {
    try {
      const response = await fetch(`${this.url(app, replica)}/health/ready`, {
        signal: AbortSignal.timeout(2_000),
      });
      return response.status;
    } catch {
      return 0;
    }
  }

  /** Starts an instance without waiting for it; `env` adds to the platform's. */
  spawn(instance: Instance, env: Record<string, string> = {}): number {
    mkdirSync(this.options.workDir, { recursive: true });
    const { app, replica } = instance;
    const main = join(ROOT, 'dist', 'apps', app, 'main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: build the apps first`);
    const serviceUrls = Object.fromEntries(
      APP_NAMES.flatMap((other) => {
        const key = APPS[other].urlKey;
        return key === null ? [] : [[key, this.url(other)]];
      }),
    );
    const log = openSync(this.logFileOf(instance), 'a');
    const child = spawn(process.execPath, [main], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...serviceUrls,
        ...this.options.env,
        ...env,
        [APPS[app].portKey]: String(this.port(app, replica)),
      },
      stdio: ['ignore', log, log],
      detached: true,
    });
    closeSync(log);
    child.unref();
    if (child.pid === undefined) throw new Error(`${keyOf(instance)} did not start`);
    this.writeState({ ...this.readState(), [keyOf(instance)]: child.pid });
    return child.pid;
  }

  /** Waits until the instance answers ready; fails at once if its process exits. */
  async waitReady(instance: Instance, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const pid = this.readState()[keyOf(instance)];
      if (pid === undefined || !alive(pid)) {
        throw new Error(
          `${keyOf(instance)} exited during start:\n${tail(this.logFileOf(instance))}`,
        );
      }
      if ((await this.readiness(instance.app, instance.replica)) === 200) return;
      await delay(200);
    }
    throw new Error(
      `${keyOf(instance)} not ready after ${timeoutMs} ms:\n${tail(this.logFileOf(instance))}`,
    );
  }

  /** Starts one instance and waits until it is ready. */
  async start(instance: Instance, env: Record<string, string> = {}, timeoutMs = 60_000) {
    this.spawn(instance, env);
    await this.waitReady(instance, timeoutMs);
  }

  /** Sends `signal` to a running instance (SIGSTOP, SIGCONT, ...); false if it is not running. */
  signal(instance: Instance, signal: NodeJS.Signals): boolean {
    const pid = this.pidOf(instance);
    if (pid === undefined) return false;
    process.kill(pid, signal);
    return true;
  }

  /** Stops an instance: SIGTERM (graceful) or SIGKILL, and waits for the process to be gone. */
  async stop(instance: Instance, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const pid = this.readState()[keyOf(instance)];
    if (pid === undefined) return;
    if (alive(pid)) {
      // A paused process would never handle SIGTERM.
      process.kill(pid, 'SIGCONT');
      process.kill(pid, signal);
    }
    const deadline = Date.now() + 20_000;
    while (alive(pid)) {
      if (Date.now() > deadline) process.kill(pid, 'SIGKILL');
      await delay(50);
    }
    // Read again: instances stopped at the same time rewrite the file meanwhile.
    const now = this.readState();
    delete now[keyOf(instance)];
    this.writeState(now);
  }

  /** Every app, services first, so the gateway finds them ready. */
  async startAll(): Promise<void> {
    const services = APP_NAMES.filter((app) => app !== 'api-gateway');
    await Promise.all(services.map((app) => this.start({ app, replica: 0 })));
    await this.start({ app: 'api-gateway', replica: 0 });
  }

  /** Every instance this platform started, running or not. */
  async stopAll(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const instances = Object.keys(this.readState()).map((key) => {
      const [app, replica] = key.split('#');
      return { app: app as AppName, replica: Number(replica ?? 0) };
    });
    await Promise.all(instances.map((instance) => this.stop(instance, signal)));
  }

  private readState(): State {
    return existsSync(this.stateFile)
      ? (JSON.parse(readFileSync(this.stateFile, 'utf8')) as State)
      : {};
  }

  private writeState(state: State): void {
    mkdirSync(this.options.workDir, { recursive: true });
    writeFileSync(this.stateFile, JSON.stringify(state));
  }
}

/** The system suite's platform: the usual ports, logs in `tmp/platform-e2e/<app>.log`. */
export const e2ePlatform = new Platform({
  workDir: join(ROOT, 'tmp', 'platform-e2e'),
  portOffset: 0,
  env: E2E_ENV,
});

export const readiness = (app: AppName) => e2ePlatform.readiness(app);
export const startApp = (app: AppName, timeoutMs?: number) =>
  e2ePlatform.start({ app, replica: 0 }, {}, timeoutMs);
export const stopApp = (app: AppName, signal?: NodeJS.Signals) =>
  e2ePlatform.stop({ app, replica: 0 }, signal);
export const startPlatform = () => e2ePlatform.startAll();
export const stopPlatform = () => e2ePlatform.stopAll();
