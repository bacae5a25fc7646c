import { join } from 'node:path';
import { LOCAL_URLS } from '@polyshop/config';
import { Client, Pool } from 'pg';
import { HttpClient } from '../load/http-client';
import type { Placement } from '../load/open-loop';
import { ProcessGroup, ROOT, infraPids } from './processes';
import { placeOrder, type BenchSystem, type Fixtures, type Terminal } from './system';

const PORT = 3610;
const DATABASE = 'bench_monolith';
/** On payment-service's PostgreSQL server: the same server, settings and disk as S's stores. */
const SERVER_URL = LOCAL_URLS.paymentDb;
const DATABASE_URL = Object.assign(new URL(SERVER_URL), { pathname: `/${DATABASE}` }).toString();

/** M: apps/bench-monolith, the same order in one process and one local transaction. */
export class MonolithSystem implements BenchSystem {
  readonly name = 'M' as const;
  readonly label = 'monolith (one process, one PostgreSQL transaction)';
  private readonly processes = new ProcessGroup();
  private readonly http = new HttpClient(`http://127.0.0.1:${PORT}`);
  private db: Pool | undefined;
  private fixtures: Fixtures = { users: [], products: [] };

  /** A fresh database, the app started on it (its migration makes the tables), S's fixtures. */
  async start(fixtures: Fixtures): Promise<void> {
    const server = new Client({ connectionString: SERVER_URL });
    await server.connect();
    try {
      await server.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
      await server.query(`CREATE DATABASE ${DATABASE}`);
    } finally {
      await server.end();
    }
    this.processes.spawn(
      'bench-monolith',
      [join(ROOT, 'dist', 'apps', 'bench-monolith', 'main.js')],
      {
        BENCH_MONOLITH_HTTP_PORT: String(PORT),
        BENCH_MONOLITH_DB_URL: DATABASE_URL,
      },
    );
    await this.processes.waitReady('bench-monolith', `http://127.0.0.1:${PORT}/health/ready`);
    this.db = new Pool({ connectionString: DATABASE_URL, max: 4 });
    await this.db.query(
      'INSERT INTO users (id, email) SELECT * FROM unnest($1::uuid[], $2::text[])',
      [fixtures.users.map((user) => user.id), fixtures.users.map((user) => user.email)],
    );
    await this.db.query(
      `INSERT INTO products (id, price, currency, available)
       SELECT id, price, currency, 1000000000
         FROM unnest($1::char(24)[], $2::bigint[], $3::char(3)[]) AS p(id, price, currency)`,
      [
        fixtures.products.map((product) => product.id),
        fixtures.products.map((product) => product.price),
        fixtures.products.map((product) => product.currency),
      ],
    );
    this.fixtures = fixtures;
  }

  place(n: number): Promise<Placement> {
    return placeOrder(this.http, this.fixtures, n, 201);
  }

  async terminals(orderIds: readonly string[]): Promise<Map<string, Terminal>> {
    const terminals = new Map<string, Terminal>();
    if (!this.db || orderIds.length === 0) return terminals;
    const { rows } = await this.db.query<{ id: string; status: string; at: number }>(
      `SELECT id, status, extract(epoch FROM updated_at)::float8 * 1000 AS at
         FROM orders WHERE id = ANY($1::uuid[])`,
      [orderIds],
    );
    for (const row of rows) terminals.set(row.id, { status: row.status, at: Number(row.at) });
    return terminals;
  }

  async pids(): Promise<Record<string, number>> {
    const postgres = (await infraPids())['postgres-payment'];
    return {
      ...this.processes.pids(),
      ...(postgres === undefined ? {} : { 'postgres-payment': postgres }),
    };
  }

  async stop(): Promise<void> {
    this.http.close();
    await this.db?.end();
    await this.processes.stopAll();
  }
}
