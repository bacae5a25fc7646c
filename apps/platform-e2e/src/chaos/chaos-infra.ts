import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LOCAL_CREDENTIALS, LOCAL_DATABASES, LOCAL_HOST, LOCAL_INFRA } from '@polyshop/config';
import { ROOT } from '../support/platform';
import type { StoreName } from './plan';

const run = promisify(execFile);

/**
 * The chaos suite's own set of servers (`POLYSHOP_INSTANCE=chaos-<shift>`, data in
 * `.data-chaos-<shift>`, every port `shift` above the usual one), started and stopped through
 * `tools/infra` like the usual ones. Faults signal only the pids that `infra pids` reads from
 * infra's own pid files: never the workspace's usual servers, never the machine's.
 */
export class ChaosInfra {
  readonly env: Record<string, string>;
  /** What the apps (and the checker) connect to. */
  readonly urls: Record<string, string>;

  constructor(shift: number) {
    const port = (key: keyof typeof LOCAL_INFRA) => LOCAL_INFRA[key].port + shift;
    this.env = {
      POLYSHOP_INSTANCE: `chaos-${shift}`,
      ...Object.fromEntries(
        Object.entries(LOCAL_INFRA).map(([key, store]) => [
          `POLYSHOP_${store.name.toUpperCase().replace(/-/g, '_')}_PORT`,
          String(port(key as keyof typeof LOCAL_INFRA)),
        ]),
      ),
    };
    const { user, password } = LOCAL_CREDENTIALS;
    const at = (key: keyof typeof LOCAL_INFRA) => `${LOCAL_HOST}:${port(key)}`;
    this.urls = {
      NATS_URL: `nats://${at('nats')}`,
      USER_DB_URL: `postgres://${user}:${password}@${at('userPostgres')}/${LOCAL_DATABASES.users}`,
      PAYMENT_DB_URL: `postgres://${user}:${password}@${at('paymentPostgres')}/${LOCAL_DATABASES.payments}`,
      ORDER_DB_URL: `mysql://${user}:${password}@${at('orderMariadb')}/${LOCAL_DATABASES.orders}`,
      INVENTORY_REDIS_URL: `redis://${at('inventoryRedis')}`,
      PRODUCT_MONGO_URL: `mongodb://${at('productMongo')}/${LOCAL_DATABASES.products}?directConnection=true`,
    };
  }

  /** `infra <args>`; resolves with its output, rejects with it. */
  private async infra(...args: string[]): Promise<string> {
    const { stdout } = await run(
      join(ROOT, 'node_modules', '.bin', 'tsx'),
      ['--tsconfig', 'tsconfig.base.json', 'tools/infra/src/main.ts', ...args],
      { cwd: ROOT, env: { ...process.env, ...this.env }, maxBuffer: 16 * 1024 * 1024 },
    );
    return stdout;
  }

  /** Fresh servers: the previous invocation's data deleted, so every run starts from nothing. */
  async reset(): Promise<void> {
    await this.infra('reset');
    await this.infra('up');
  }

  /** Starts whatever is not running (all, or the named store and what it needs). */
  async up(store?: 'nats' | StoreName): Promise<void> {
    await (store === undefined ? this.infra('up') : this.infra('up', store));
  }

  async down(): Promise<void> {
    await this.infra('down');
  }

  async pids(): Promise<Record<string, number>> {
    return JSON.parse(await this.infra('pids')) as Record<string, number>;
  }

  /**
   * Stops a server at once, without a clean shutdown: SIGQUIT to a PostgreSQL postmaster (its
   * immediate mode: no checkpoint, crash recovery at the next start), SIGKILL to the others.
   */
  async crash(store: 'nats' | StoreName): Promise<void> {
    const pid = (await this.pids())[store];
    if (pid === undefined) throw new Error(`${store} is not running: nothing to crash`);
    const postgres =
      store === 'postgres-user' || store === 'postgres-payment' || store === 'documentdb';
    process.kill(pid, postgres ? 'SIGQUIT' : 'SIGKILL');
    const deadline = Date.now() + 20_000;
    while ((await this.pids())[store] === pid) {
      if (Date.now() > deadline) throw new Error(`${store} (pid ${pid}) survived its crash`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
