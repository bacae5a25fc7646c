import Redis from 'ioredis';
import mysql from 'mysql2/promise';
import { connect } from 'nats';
import { Client, type ClientConfig } from 'pg';
import { LOCAL_CREDENTIALS, LOCAL_DATABASES } from '@polyshop/config';
import { pids } from './commands';
import { loadSettings } from './cli';
import { createStores } from './registry';
import { mongoHello } from './stores/mongo-hello';

// Against the running local infrastructure (`npm run infra:up`), honouring POLYSHOP_* overrides.
const settings = loadSettings();
const { host, ports } = settings;
const { user, password } = LOCAL_CREDENTIALS;

async function pgQuery<T>(config: ClientConfig, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ host, connectionTimeoutMillis: 5000, ...config });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

const asPolyshop = (port: number, database: string): ClientConfig => ({
  port,
  user,
  password,
  database,
});

interface ServerIdentity {
  db: string;
  who: string;
  system_identifier: string;
}
const IDENTITY_SQL =
  'SELECT current_database() AS db, current_user AS who, system_identifier::text ' +
  'FROM pg_control_system()';

describe('local infrastructure', () => {
  it('reports every store as running', async () => {
    const states = await Promise.all(
      createStores(settings).map(async (store) => [store.name, (await store.status()).state]),
    );
    expect(states).toEqual(states.map(([name]) => [name, 'running']));
  });

  it('prints the pid of every running store as JSON, each a live process', async () => {
    const stores = createStores(settings);
    const lines: string[] = [];
    expect(await pids(stores, (line) => lines.push(line))).toBe(0);
    const printed = JSON.parse(lines.join('')) as Record<string, number>;
    expect(Object.keys(printed).sort()).toEqual(stores.map((store) => store.name).sort());
    for (const pid of Object.values(printed)) expect(() => process.kill(pid, 0)).not.toThrow();
  });

  it("answers as polyshop in user-service's and payment-service's PostgreSQL", async () => {
    const [users] = await pgQuery<ServerIdentity>(
      asPolyshop(ports.userPostgres, LOCAL_DATABASES.users),
      IDENTITY_SQL,
    );
    const [payments] = await pgQuery<ServerIdentity>(
      asPolyshop(ports.paymentPostgres, LOCAL_DATABASES.payments),
      IDENTITY_SQL,
    );
    expect(users).toMatchObject({ db: 'users', who: 'polyshop' });
    expect(payments).toMatchObject({ db: 'payments', who: 'polyshop' });
  });

  it('runs the two PostgreSQL databases on separate servers', async () => {
    const [users] = await pgQuery<ServerIdentity>(
      asPolyshop(ports.userPostgres, LOCAL_DATABASES.users),
      IDENTITY_SQL,
    );
    const [payments] = await pgQuery<ServerIdentity>(
      asPolyshop(ports.paymentPostgres, LOCAL_DATABASES.payments),
      IDENTITY_SQL,
    );
    // initdb gives every cluster its own system identifier: same value = same data directory.
    expect(users?.system_identifier).toMatch(/^\d+$/);
    expect(users?.system_identifier).not.toBe(payments?.system_identifier);
    const otherDb = await pgQuery<{ found: boolean }>(
      asPolyshop(ports.userPostgres, LOCAL_DATABASES.users),
      'SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1) AS found',
      [LOCAL_DATABASES.payments],
    );
    expect(otherDb).toEqual([{ found: false }]);
  });

  it("answers as polyshop in order-service's MariaDB, which may create orders_* databases only", async () => {
    const connection = await mysql.createConnection({
      host,
      port: ports.orderMariadb,
      user,
      password,
      database: LOCAL_DATABASES.orders,
    });
    try {
      const [rows] = await connection.query<mysql.RowDataPacket[]>(
        'SELECT DATABASE() AS db, 6 * 7 AS answer',
      );
      expect(rows[0]).toMatchObject({ db: 'orders', answer: 42 });
      const scratch = `orders_it_${process.pid}`;
      await connection.query(`CREATE DATABASE \`${scratch}\``);
      await connection.query(`DROP DATABASE \`${scratch}\``);
      await expect(connection.query('CREATE DATABASE `ordersx_it`')).rejects.toThrow(/denied/);
    } finally {
      await connection.end();
    }
  });

  it("answers in inventory-service's Redis, with the append-only file on", async () => {
    const redis = new Redis({ host, port: ports.inventoryRedis, lazyConnect: true });
    await redis.connect();
    try {
      expect(await redis.ping()).toBe('PONG');
      expect(await redis.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
      expect(await redis.config('GET', 'appendfsync')).toEqual(['appendfsync', 'everysec']);
    } finally {
      redis.disconnect();
    }
  });

  it('serves NATS with JetStream enabled', async () => {
    const nc = await connect({ servers: `${host}:${ports.nats}`, timeout: 5000 });
    try {
      const jsm = await nc.jetstreamManager();
      const account = await jsm.getAccountInfo();
      expect(account.limits).toBeDefined();
    } finally {
      await nc.close();
    }
    const health = await fetch(`http://${host}:${ports.natsMonitor}/healthz?js-enabled-only=true`);
    expect(await health.json()).toEqual({ status: 'ok' });
  });

  it('stores and finds a document through the documentdb API', async () => {
    const admin = { port: ports.documentdb, user: 'postgres', database: 'postgres' };
    const db = `polyshop_it_${process.pid}`;
    try {
      await pgQuery(
        admin,
        "SELECT documentdb_api.insert_one($1, 'probe', $2::documentdb_core.bson)",
        [db, '{"_id": 1, "sku": "IT-1", "price": 1999}'],
      );
      const found = await pgQuery<{ json: string }>(
        admin,
        "SELECT documentdb_core.bson_to_json_string(document) AS json FROM documentdb_api.collection($1, 'probe')",
        [db],
      );
      expect(found).toHaveLength(1);
      expect(found[0]?.json).toContain('"sku" : "IT-1"');
    } finally {
      await pgQuery(admin, 'SELECT documentdb_api.drop_database($1)', [db]);
    }
  });

  it('answers a MongoDB driver handshake through the gateway, as a writable primary', async () => {
    const reply = await mongoHello(host, ports.productMongo);
    expect(reply).toMatchObject({ ok: 1, isWritablePrimary: true });
    expect(reply.maxWireVersion).toBeGreaterThanOrEqual(13); // what Mongoose 8's driver requires
  });
});
