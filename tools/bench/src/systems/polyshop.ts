import { join } from 'node:path';
import { LOCAL_URLS } from '@polyshop/config';
import { readEnvExample, waitFor } from '@polyshop/testing';
import { createPool, type Pool, type RowDataPacket } from 'mysql2/promise';
import { HttpClient } from '../load/http-client';
import type { Placement } from '../load/open-loop';
import { ProcessGroup, ROOT, infraPids } from './processes';
import { placeOrder, type BenchSystem, type Fixtures, type Terminal } from './system';

/** The six apps, on their usual ports plus this offset (beside any `npm start` or e2e run). */
const PORT_OFFSET = 600;
const APPS = {
  'user-service': { portKey: 'USER_HTTP_PORT', port: 3001, urlKey: 'USER_SERVICE_URL' },
  'product-service': { portKey: 'PRODUCT_HTTP_PORT', port: 3002, urlKey: 'PRODUCT_SERVICE_URL' },
  'order-service': { portKey: 'ORDER_HTTP_PORT', port: 3003, urlKey: 'ORDER_SERVICE_URL' },
  'inventory-service': {
    portKey: 'INVENTORY_HTTP_PORT',
    port: 3004,
    urlKey: 'INVENTORY_SERVICE_URL',
  },
  'payment-service': { portKey: 'PAYMENT_HTTP_PORT', port: 3005, urlKey: 'PAYMENT_SERVICE_URL' },
  'api-gateway': { portKey: 'GATEWAY_HTTP_PORT', port: 3000, urlKey: null },
} as const;
type AppName = keyof typeof APPS;

const urlOf = (app: AppName) => `http://127.0.0.1:${APPS[app].port + PORT_OFFSET}`;

/**
 * The happy path at full speed: no PSP latency, limits that a load generator from one address
 * as one of a few users does not hit, tokens that outlive a full run.
 */
const BENCH_ENV: Record<string, string> = {
  PSP_LATENCY_MS: '0',
  PSP_TRANSIENT_FAILURE_RATE: '0',
  RATE_LIMIT_AUTH: '1000000',
  RATE_LIMIT_ORDERS: '1000000',
  JWT_TTL_SECONDS: String(24 * 60 * 60),
};

const TERMINAL = ['CONFIRMED', 'REJECTED', 'CANCELLED'];
const PRODUCT_STOCK = 1_000_000_000;

/** S: Polyshop as built, its six apps from their builds against the project's infrastructure. */
export class PolyshopSystem implements BenchSystem {
  readonly name = 'S' as const;
  readonly label = 'Polyshop (six services, own stores, saga over JetStream)';
  private readonly processes = new ProcessGroup();
  private readonly http = new HttpClient(urlOf('api-gateway'));
  private orders: Pool | undefined;
  fixtures: Fixtures = { users: [], products: [] };

  /** Starts the apps (services first) and seeds users and products through the API. */
  async start(users: number, products: number): Promise<Fixtures> {
    const env: Record<string, string> = { ...BENCH_ENV };
    for (const [app, { portKey, port, urlKey }] of Object.entries(APPS)) {
      env[portKey] = String(port + PORT_OFFSET);
      if (urlKey !== null) env[urlKey] = urlOf(app as AppName);
    }
    const spawn = (app: AppName) =>
      this.processes.spawn(app, [join(ROOT, 'dist', 'apps', app, 'main.js')], env);
    // Services first, so that the gateway finds them ready.
    const services = (Object.keys(APPS) as AppName[]).filter((app) => app !== 'api-gateway');
    services.forEach(spawn);
    await Promise.all(services.map((app) => this.ready(app)));
    spawn('api-gateway');
    await this.ready('api-gateway');
    this.orders = createPool({ uri: LOCAL_URLS.orderDb, connectionLimit: 4, timezone: 'Z' });
    this.fixtures = await this.seed(users, products);
    return this.fixtures;
  }

  private ready(app: AppName): Promise<void> {
    return this.processes.waitReady(app, `${urlOf(app)}/health/ready`);
  }

  private async call<T>(method: string, path: string, body?: unknown, token?: string) {
    const answer = await this.http.send(
      method,
      path,
      body,
      token ? { authorization: `Bearer ${token}` } : {},
    );
    return answer as { status: number; body: T };
  }

  private async seed(userCount: number, productCount: number): Promise<Fixtures> {
    const run = Date.now().toString(36);
    const example = readEnvExample();
    const login = await this.call<{ accessToken: string }>('POST', '/auth/login', {
      email: process.env.ADMIN_EMAIL ?? example.get('ADMIN_EMAIL'),
      password: process.env.ADMIN_PASSWORD ?? example.get('ADMIN_PASSWORD'),
    });
    if (login.status !== 200) throw new Error(`admin login answered ${login.status}`);
    const products: Fixtures['products'] = [];
    for (let i = 0; i < productCount; i++) {
      const price = 1_000 + i;
      const created = await this.call<{ id: string }>(
        'POST',
        '/products',
        {
          sku: `BENCH-${run}-${i}`,
          name: `Bench product ${i}`,
          price,
          currency: 'EUR',
          initialStock: PRODUCT_STOCK,
        },
        login.body.accessToken,
      );
      if (created.status !== 201) throw new Error(`POST /products: ${JSON.stringify(created)}`);
      products.push({ id: created.body.id, price, currency: 'EUR' });
    }
    const users: Fixtures['users'] = [];
    // One at a time: each is an argon2 hash and a check, slow on purpose.
    for (let i = 0; i < userCount; i++) {
      const credentials = {
        email: `bench-${run}-${i}@bench.example`,
        password: 'bench password 1234',
      };
      const registered = await this.call<{ id: string }>('POST', '/auth/register', {
        ...credentials,
        name: `Bench shopper ${i}`,
      });
      if (registered.status !== 201) throw new Error(`register: ${JSON.stringify(registered)}`);
      const session = await this.call<{ accessToken: string }>('POST', '/auth/login', credentials);
      if (session.status !== 200) throw new Error(`login: ${JSON.stringify(session)}`);
      users.push({
        id: registered.body.id,
        email: credentials.email,
        token: session.body.accessToken,
      });
    }
    this.fixtures = { users, products };
    // Prices reach order-service and stock reaches inventory by events: one order per product
    // confirmed shows both arrived.
    await Promise.all(
      products.map((_, n) =>
        waitFor(
          async () => {
            const placed = await this.place(n * users.length);
            if (placed.orderId === undefined) return false;
            const id = placed.orderId;
            const done = await waitFor(
              () => this.terminals([id]),
              (terminals) => terminals.has(id),
              { timeoutMs: 30_000, intervalMs: 100, description: `order ${id} terminal` },
            );
            return done.get(id)?.status === 'CONFIRMED';
          },
          (confirmed) => confirmed,
          { timeoutMs: 90_000, intervalMs: 500, description: `an order of product ${n} confirmed` },
        ),
      ),
    );
    return this.fixtures;
  }

  place(n: number): Promise<Placement> {
    return placeOrder(this.http, this.fixtures, n, 202);
  }

  async terminals(orderIds: readonly string[]): Promise<Map<string, Terminal>> {
    const terminals = new Map<string, Terminal>();
    if (!this.orders || orderIds.length === 0) return terminals;
    for (let i = 0; i < orderIds.length; i += 1_000) {
      // Stored in UTC (UTC_TIMESTAMP(3)); read in UTC too.
      const [rows] = await this.orders.query<RowDataPacket[]>(
        `SELECT id, status, TIMESTAMPDIFF(MICROSECOND, '1970-01-01', updated_at) / 1000 AS at
           FROM orders WHERE id IN (?) AND status IN (?)`,
        [orderIds.slice(i, i + 1_000), TERMINAL],
      );
      for (const row of rows) {
        terminals.set(String(row.id), { status: String(row.status), at: Number(row.at) });
      }
    }
    return terminals;
  }

  async pids(): Promise<Record<string, number>> {
    return { ...this.processes.pids(), ...(await infraPids()) };
  }

  async stop(): Promise<void> {
    this.http.close();
    await this.orders?.end();
    await this.processes.stopAll();
  }
}
