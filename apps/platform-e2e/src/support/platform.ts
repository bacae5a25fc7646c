import { exec, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { parseEnv, promisify } from 'node:util';

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

/**
 * The settings the suite runs the apps with (a short saga deadline, relaxed rate limits), read
 * from the kind-e2e overlay's env file, which gives the same to a deployed platform's apps.
 */
export const E2E_ENV_FILE = join(ROOT, 'k8s', 'overlays', 'kind-e2e', 'e2e.env');

export const E2E_ENV: Record<string, string> = Object.fromEntries(
  Object.entries(parseEnv(readFileSync(E2E_ENV_FILE, 'utf8'))).flatMap(([key, value]) =>
    value === undefined ? [] : [[key, value]],
  ),
);

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

const E2E_WORK_DIR = join(ROOT, 'tmp', 'platform-e2e');

/**
 * The OTLP/HTTP collector the system suite runs for its apps' traces (`otlp-collector.ts`), on
 * OTLP's port shifted like the local stores', its spans in `tmp/platform-e2e/spans.jsonl`.
 */
export const E2E_COLLECTOR = { port: 14318, spansFile: join(E2E_WORK_DIR, 'spans.jsonl') };

/**
 * The system suite's platform: the usual ports, logs in `tmp/platform-e2e/<app>.log`, traces
 * exported to `E2E_COLLECTOR` (set here, not in `E2E_ENV`: a deployed platform has its own).
 */
export const e2ePlatform = new Platform({
  workDir: E2E_WORK_DIR,
  portOffset: 0,
  env: { ...E2E_ENV, OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${E2E_COLLECTOR.port}` },
});

/**
 * The gateway the suites talk to: `E2E_GATEWAY_URL` (a deployed platform, the chaos runner's
 * own apps), else the system suite's local one. No path alias here or in what this file
 * imports: jest loads it for its global setup, where the aliases do not resolve.
 */
export const gatewayUrl = () => process.env.E2E_GATEWAY_URL ?? e2ePlatform.url('api-gateway');

/**
 * What the system suite runs against (`E2E_PLATFORM`): `local` (the default), the six apps it
 * starts itself as processes; `external`, a platform deployed beforehand (`npm run kind`), reached
 * through its gateway (`E2E_GATEWAY_URL`), its apps stopped and started by `E2E_APP_CONTROL`.
 */
export function platformMode(): 'local' | 'external' {
  const mode = process.env.E2E_PLATFORM ?? 'local';
  if (mode === 'local' || mode === 'external') return mode;
  throw new Error(`E2E_PLATFORM=${mode}: local (the default) or external`);
}

/** GET /health of the gateway: 200 with every app ready, else 503 naming them; null: no answer. */
export async function platformHealth(): Promise<{ status: number; body: unknown } | null> {
  try {
    // Longer than the gateway's own wait for each service's readiness.
    const response = await fetch(`${gatewayUrl()}/health`, {
      signal: AbortSignal.timeout(5_000),
    });
    return { status: response.status, body: await response.json() };
  } catch {
    return null;
  }
}

/**
 * An app's readiness as the gateway reports it (only the gateway of a deployed platform is
 * reachable): the status of the service's `/health/ready`, or 0 when it did not answer.
 */
async function reportedReadiness(app: AppName): Promise<number> {
  const health = await platformHealth();
  const services = (health?.body as { services?: Record<string, unknown> } | undefined)?.services;
  const reported = services?.[app] as { ready?: boolean; status?: number } | undefined;
  if (!reported) return 0;
  // The gateway's own entry has no status: it is ready when its NATS connection is.
  if (app === 'api-gateway') return reported.ready ? 200 : 503;
  return reported.status ?? 0;
}

/** Longest a stop or start of a deployed app may take (a rollout included). */
const APP_CONTROL_TIMEOUT_MS = 180_000;

/** Runs `$E2E_APP_CONTROL stop|start <app> [SIGKILL]`, failing with its output. */
async function controlApp(args: string[]): Promise<void> {
  const control = process.env.E2E_APP_CONTROL;
  if (!control) {
    throw new Error(
      `E2E_PLATFORM=external needs E2E_APP_CONTROL, a command run as "<command> stop|start <app> [SIGKILL]" (npm run kind sets it)`,
    );
  }
  const command = [control, ...args].join(' ');
  try {
    await promisify(exec)(command, { cwd: ROOT, timeout: APP_CONTROL_TIMEOUT_MS });
  } catch (error) {
    const { code, signal, stdout, stderr } = error as {
      code?: number;
      signal?: string | null;
      stdout?: string;
      stderr?: string;
    };
    throw new Error(
      `${command} failed (${signal ?? `exit code ${code}`}):\n${stderr ?? ''}${stdout ?? ''}`,
    );
  }
}

/** Polls the gateway's report until the app has the readiness status `wanted`. */
async function reportedAs(app: AppName, wanted: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = await reportedReadiness(app);
  while (last !== wanted) {
    if (Date.now() > deadline) {
      throw new Error(
        `${app} not reported ${wanted} by GET /health after ${timeoutMs} ms: ${last}`,
      );
    }
    await delay(250);
    last = await reportedReadiness(app);
  }
}

/** GET /health/ready of an app: its status, or 0 when nothing answers. */
export const readiness = (app: AppName): Promise<number> =>
  platformMode() === 'external' ? reportedReadiness(app) : e2ePlatform.readiness(app);

/** Starts a stopped app and waits until it is ready. */
export async function startApp(app: AppName, timeoutMs = 60_000): Promise<void> {
  if (platformMode() === 'local') return e2ePlatform.start({ app, replica: 0 }, {}, timeoutMs);
  await controlApp(['start', app]);
  await reportedAs(app, 200, timeoutMs);
}

/** Stops an app: SIGTERM (graceful) or SIGKILL, and waits until it is gone. */
export async function stopApp(app: AppName, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (platformMode() === 'local') return e2ePlatform.stop({ app, replica: 0 }, signal);
  if (signal !== 'SIGTERM' && signal !== 'SIGKILL') {
    throw new Error(`E2E_PLATFORM=external stops an app with SIGTERM or SIGKILL, not ${signal}`);
  }
  await controlApp(['stop', app, ...(signal === 'SIGKILL' ? ['SIGKILL'] : [])]);
  await reportedAs(app, 0, 30_000);
}

export const startPlatform = () => e2ePlatform.startAll();
export const stopPlatform = () => e2ePlatform.stopAll();
