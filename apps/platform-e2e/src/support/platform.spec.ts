import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEnvExample } from '@polyshop/testing';
import globalSetup from './global-setup';
import { APP_NAMES, E2E_ENV, platformMode, readiness, startApp, stopApp } from './platform';

/**
 * A deployed platform as the suite sees it with `E2E_PLATFORM=external`: a gateway whose
 * `GET /health` reports every app, and an `E2E_APP_CONTROL` command (here a script that logs its
 * arguments) whose stops and starts the report follows, as a cluster's would.
 */
describe('the system suite against a deployed platform', () => {
  const saved = { ...process.env };
  let dir: string;
  let controlLog: string;
  let gateway: Server;
  let control: string;

  /** The apps stopped by the control command: the last action logged for each. */
  const stopped = () => {
    const last = new Map<string, string>();
    for (const line of readFileSync(controlLog, 'utf8').split('\n').filter(Boolean)) {
      const [action, app] = line.split(' ');
      last.set(app, action);
    }
    return new Set([...last].flatMap(([app, action]) => (action === 'stop' ? [app] : [])));
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'platform-e2e-external-'));
    controlLog = join(dir, 'control.log');
    writeFileSync(controlLog, '');
    const script = join(dir, 'control.js');
    control = `${process.execPath} ${script}`;
    writeFileSync(
      script,
      `const args = process.argv.slice(2);
       if (args[1] === 'user-service') { console.log('scaling user-service'); console.error('no such deployment'); process.exit(3); }
       require('fs').appendFileSync(${JSON.stringify(controlLog)}, args.join(' ') + '\\n');`,
    );
    gateway = createServer((request, response) => {
      const down = stopped();
      const services = Object.fromEntries(
        APP_NAMES.map((app) => [
          app,
          app === 'api-gateway'
            ? { ready: true }
            : down.has(app)
              ? { ready: false, reason: 'ECONNREFUSED' }
              : { ready: true, status: 200 },
        ]),
      );
      response.writeHead(request.url === '/health' ? (down.size === 0 ? 200 : 503) : 404, {
        'content-type': 'application/json',
      });
      response.end(JSON.stringify({ ready: down.size === 0, services }));
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    Object.assign(process.env, {
      E2E_PLATFORM: 'external',
      E2E_GATEWAY_URL: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`,
      E2E_APP_CONTROL: control,
    });
  });

  afterAll(async () => {
    process.env = saved;
    await new Promise((resolve) => gateway.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts nothing and requires GET /health to answer 200 before the suite runs', async () => {
    await expect(globalSetup()).resolves.toBeUndefined();
    expect(readFileSync(controlLog, 'utf8')).toBe('');
    writeFileSync(controlLog, 'stop order-service\n');
    try {
      await expect(globalSetup()).rejects.toThrow(/\/health answered 503 .*order-service/);
    } finally {
      writeFileSync(controlLog, '');
    }
    const gatewayUrl = process.env.E2E_GATEWAY_URL;
    delete process.env.E2E_GATEWAY_URL;
    try {
      await expect(globalSetup()).rejects.toThrow('E2E_PLATFORM=external needs E2E_GATEWAY_URL');
    } finally {
      process.env.E2E_GATEWAY_URL = gatewayUrl;
    }
  });

  it('reads every app readiness from the gateway report, 0 for one that does not answer', async () => {
    expect(await Promise.all(APP_NAMES.map((app) => readiness(app)))).toEqual(
      APP_NAMES.map(() => 200),
    );
    writeFileSync(controlLog, 'stop order-service\n');
    expect(await readiness('order-service')).toBe(0);
    expect(await readiness('api-gateway')).toBe(200);
    writeFileSync(controlLog, '');
  });

  it('stops and starts an app with E2E_APP_CONTROL, returning once the gateway reports it', async () => {
    await stopApp('payment-service', 'SIGKILL');
    expect(await readiness('payment-service')).toBe(0);
    await startApp('payment-service');
    expect(await readiness('payment-service')).toBe(200);
    await stopApp('inventory-service');
    await startApp('inventory-service');
    expect(readFileSync(controlLog, 'utf8').split('\n').filter(Boolean)).toEqual([
      'stop payment-service SIGKILL',
      'start payment-service',
      'stop inventory-service',
      'start inventory-service',
    ]);
  });

  it('fails with the output of a control command that fails', async () => {
    const failure = stopApp('user-service');
    await expect(failure).rejects.toThrow(/control\.js stop user-service failed \(exit code 3\)/);
    await expect(failure).rejects.toThrow(/no such deployment[\s\S]*scaling user-service/);
  });

  it('fails naming E2E_APP_CONTROL when it is not set', async () => {
    delete process.env.E2E_APP_CONTROL;
    try {
      await expect(stopApp('payment-service')).rejects.toThrow(
        'E2E_PLATFORM=external needs E2E_APP_CONTROL',
      );
    } finally {
      process.env.E2E_APP_CONTROL = control;
    }
  });

  it('refuses a signal a deployment cannot be stopped with', async () => {
    await expect(stopApp('payment-service', 'SIGSTOP')).rejects.toThrow('SIGTERM or SIGKILL');
  });

  it('knows no platform but local and external', () => {
    process.env.E2E_PLATFORM = 'kubernetes';
    try {
      expect(() => platformMode()).toThrow(
        'E2E_PLATFORM=kubernetes: local (the default) or external',
      );
    } finally {
      process.env.E2E_PLATFORM = 'external';
    }
  });
});

describe('E2E_ENV', () => {
  it('sets only variables the apps know, from the file the kind-e2e overlay gives them', () => {
    const known = readEnvExample();
    expect(Object.keys(E2E_ENV)).not.toEqual([]);
    expect(Object.keys(E2E_ENV).filter((key) => !known.has(key))).toEqual([]);
  });
});
