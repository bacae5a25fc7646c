import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ServiceAppOptions } from '@polyshop/service-runtime';
import { startServiceApp } from './service-app';
import { TcpProxy } from './tcp-proxy';
import { waitFor } from './wait-for';

export interface HealthDependency {
  /** Keys of `/health/ready` that this connection feeds, e.g. `['postgres']`, `['nats', 'jetstream']`. */
  keys: string[];
  /** Variable the app reads the dependency's URL from. */
  envVar: string;
  /** The real server's URL when the variable is not set (the local infrastructure). */
  defaultUrl: string;
}

export interface ServiceHealthSuiteOptions extends ServiceAppOptions {
  /** Imported only after the environment points at the proxies, as config is read on import. */
  loadModule: () => Promise<Type<unknown>>;
  dependencies: HealthDependency[];
}

interface HealthBody {
  status: 'ok' | 'error';
  info?: Record<string, { status: string }>;
  error?: Record<string, { status: string; message?: string }>;
}

/**
 * The health contract every app must keep, checked against its real store and NATS: each
 * dependency is reached through a TCP proxy that the test cuts, so an outage is real for the
 * app under test and invisible to everything else sharing the infrastructure.
 */
export function describeServiceHealth(options: ServiceHealthSuiteOptions): void {
  describe(`${options.name} health`, () => {
    const proxies = new Map<string, TcpProxy>();
    let app: NestFastifyApplication;
    let baseUrl: string;

    const get = async (path: string) => {
      const response = await fetch(`${baseUrl}${path}`);
      return { status: response.status, body: (await response.json()) as HealthBody };
    };
    const readiness = (accept: (r: Awaited<ReturnType<typeof get>>) => boolean, what: string) =>
      waitFor(() => get('/health/ready'), accept, { description: what, timeoutMs: 20_000 });

    beforeAll(async () => {
      for (const dependency of options.dependencies) {
        const url = new URL(process.env[dependency.envVar] ?? dependency.defaultUrl);
        const proxy = new TcpProxy(url.hostname, Number(url.port));
        url.port = String(await proxy.start());
        process.env[dependency.envVar] = url.toString();
        proxies.set(dependency.envVar, proxy);
      }
      app = await startServiceApp(await options.loadModule(), options);
      baseUrl = await app.getUrl();
    });

    afterAll(async () => {
      await app?.close();
      await Promise.all([...proxies.values()].map((proxy) => proxy.stop()));
    });

    it('answers live with 200', async () => {
      const { status, body } = await get('/health/live');
      expect(status).toBe(200);
      expect(body.status).toBe('ok');
    });

    const keys = options.dependencies.flatMap((d) => d.keys);
    it(`is ready when ${keys.join(' and ')} answer`, async () => {
      const { status, body } = await get('/health/ready');
      expect(status).toBe(200);
      expect(Object.keys(body.info ?? {}).sort()).toEqual([...keys].sort());
    });

    for (const { keys: fed, envVar } of options.dependencies) {
      const names = fed.join(' and ');
      it(`answers 503 naming ${names} while ${envVar} is unreachable, and recovers when it is back`, async () => {
        const proxy = proxies.get(envVar);
        if (!proxy) throw new Error(`no proxy for ${envVar}`);
        proxy.cut();
        try {
          const down = await readiness(
            (r) => r.status === 503 && fed.every((key) => r.body.error?.[key]?.status === 'down'),
            `${names} reported down`,
          );
          expect(Object.keys(down.body.error ?? {}).sort()).toEqual([...fed].sort());
          const live = await get('/health/live');
          expect(live.status).toBe(200);
        } finally {
          proxy.restore();
        }
        const up = await readiness((r) => r.status === 200, `${names} reported up again`);
        for (const key of fed) expect(up.body.info?.[key]?.status).toBe('up');
      });
    }
  });
}
