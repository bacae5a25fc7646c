import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/** The six apps, on their usual ports (the same as `npm start`: don't run both at once). */
export const APPS = {
  'api-gateway': { portKey: 'GATEWAY_HTTP_PORT', port: 3000 },
  'user-service': { portKey: 'USER_HTTP_PORT', port: 3001 },
  'product-service': { portKey: 'PRODUCT_HTTP_PORT', port: 3002 },
  'order-service': { portKey: 'ORDER_HTTP_PORT', port: 3003 },
  'inventory-service': { portKey: 'INVENTORY_HTTP_PORT', port: 3004 },
  'payment-service': { portKey: 'PAYMENT_HTTP_PORT', port: 3005 },
} as const;

export type AppName = keyof typeof APPS;

const ROOT = resolve(__dirname, '../../../..');
const WORK_DIR = join(ROOT, 'tmp', 'platform-e2e');
const STATE_FILE = join(WORK_DIR, 'state.json');

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

type State = Partial<Record<AppName, number>>;

const readState = (): State =>
  existsSync(STATE_FILE) ? (JSON.parse(readFileSync(STATE_FILE, 'utf8')) as State) : {};
const writeState = (state: State) => writeFileSync(STATE_FILE, JSON.stringify(state));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export const logFileOf = (app: AppName) => join(WORK_DIR, `${app}.log`);

const tail = (file: string, lines = 30) =>
  existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '';

/** GET /health/ready of an app: its status, or 0 when nothing answers. */
export async function readiness(app: AppName): Promise<number> {
  try {
    const response = await fetch(`http://127.0.0.1:${APPS[app].port}/health/ready`, {
      signal: AbortSignal.timeout(2_000),
    });
    return response.status;
  } catch {
    return 0;
  }
}

/** Starts one app from its build (`dist/apps/<app>/main.js`) and waits until it is ready. */
export async function startApp(app: AppName, timeoutMs = 60_000): Promise<void> {
  mkdirSync(WORK_DIR, { recursive: true });
  const main = join(ROOT, 'dist', 'apps', app, 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: build the apps first`);
  const log = openSync(logFileOf(app), 'a');
  const child = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: { ...process.env, ...E2E_ENV, [APPS[app].portKey]: String(APPS[app].port) },
    stdio: ['ignore', log, log],
    detached: true,
  });
  closeSync(log);
  child.unref();
  if (child.pid === undefined) throw new Error(`${app} did not start`);
  writeState({ ...readState(), [app]: child.pid });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive(child.pid)) throw new Error(`${app} exited during start:\n${tail(logFileOf(app))}`);
    if ((await readiness(app)) === 200) return;
    await delay(200);
  }
  throw new Error(`${app} not ready after ${timeoutMs} ms:\n${tail(logFileOf(app))}`);
}

/** Stops one app: SIGTERM (graceful) or SIGKILL, and waits for the process to be gone. */
export async function stopApp(app: AppName, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  const state = readState();
  const pid = state[app];
  if (pid === undefined) return;
  if (alive(pid)) process.kill(pid, signal);
  const deadline = Date.now() + 20_000;
  while (alive(pid)) {
    if (Date.now() > deadline) process.kill(pid, 'SIGKILL');
    await delay(50);
  }
  // Read again: apps stopped at the same time rewrite the file meanwhile.
  const now = readState();
  delete now[app];
  writeState(now);
}

/** Every app, services first, so the gateway finds them ready. */
export async function startPlatform(): Promise<void> {
  const services = (Object.keys(APPS) as AppName[]).filter((app) => app !== 'api-gateway');
  await Promise.all(services.map((app) => startApp(app)));
  await startApp('api-gateway');
}

export async function stopPlatform(): Promise<void> {
  await Promise.all((Object.keys(readState()) as AppName[]).map((app) => stopApp(app)));
}
