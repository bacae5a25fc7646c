import { LOCAL_HOST, LOCAL_INFRA, LOCAL_URLS } from '@polyshop/config';
import Redis from 'ioredis';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import { connect, type NatsConnection } from 'nats';
import { Client } from 'pg';
import type { DurabilitySettings } from '../report/model';

/** DocumentDB trusts `postgres` on loopback (only the mongo gateway talks to it). */
export const DOCUMENTDB_URL = `postgres://postgres@${LOCAL_HOST}:${LOCAL_INFRA.documentdb.port}/postgres`;
export const ORDER_SAGA_STREAMS = ['ORDER', 'INVENTORY', 'PAYMENT'];

export async function withPg<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

export async function withNats<T>(
  url: string,
  use: (nc: NatsConnection) => Promise<T>,
): Promise<T> {
  const nc = await connect({ servers: url, name: 'bench' });
  try {
    return await use(nc);
  } finally {
    await nc.close();
  }
}

const pgSettings = (url: string) =>
  withPg(url, async (client) => {
    const names = [
      'fsync',
      'synchronous_commit',
      'wal_sync_method',
      'full_page_writes',
      'commit_delay',
    ];
    const settings: Record<string, string> = {};
    for (const name of names) {
      const { rows } = await client.query<Record<string, string>>(`SHOW ${name}`);
      settings[name] = rows[0][name];
    }
    return settings;
  });

/** The durability-relevant settings of every store, as each server reports them. */
export async function readDurability(
  natsMonitorUrls: Record<string, string>,
): Promise<DurabilitySettings[]> {
  const mariadb = await createConnection({ uri: LOCAL_URLS.orderDb });
  const [[row]] = await mariadb.query<RowDataPacket[]>(
    `SELECT @@innodb_flush_log_at_trx_commit AS innodb_flush_log_at_trx_commit,
            @@sync_binlog AS sync_binlog, @@log_bin AS log_bin,
            @@innodb_flush_method AS innodb_flush_method, @@innodb_doublewrite AS innodb_doublewrite`,
  );
  await mariadb.end();
  const redis = new Redis(LOCAL_URLS.inventoryRedis, { lazyConnect: true });
  await redis.connect();
  const [, appendonly] = (await redis.config('GET', 'appendonly')) as string[];
  const [, appendfsync] = (await redis.config('GET', 'appendfsync')) as string[];
  redis.disconnect();
  const nats = await Promise.all(
    Object.entries(natsMonitorUrls).map(async ([store, url]) => {
      const varz = (await (await fetch(`${url}/varz`)).json()) as {
        version: string;
        jetstream?: { config?: { sync_interval?: number; sync_always?: boolean } };
      };
      const config = varz.jetstream?.config ?? {};
      return {
        store,
        settings: {
          version: varz.version,
          storage: 'file',
          // nats-server before 2.10 does not report it; its file store syncs every 2 min.
          sync_interval:
            config.sync_interval === undefined
              ? 'default (2 min, not in /varz)'
              : `${config.sync_interval / 1e9} s`,
          sync_always: String(config.sync_always ?? false),
        },
      };
    }),
  );
  return [
    { store: 'postgres-user (user-service)', settings: await pgSettings(LOCAL_URLS.userDb) },
    {
      store: 'postgres-payment (payment-service, M)',
      settings: await pgSettings(LOCAL_URLS.paymentDb),
    },
    {
      store: 'mariadb-order (order-service)',
      settings: Object.fromEntries(Object.entries(row).map(([k, v]) => [k, String(v)])),
    },
    { store: 'redis-inventory (inventory-service)', settings: { appendonly, appendfsync } },
    {
      store: 'documentdb (product-service via mongo-gateway)',
      settings: await pgSettings(DOCUMENTDB_URL),
    },
    ...nats,
  ];
}
