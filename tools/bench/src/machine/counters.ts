import { LOCAL_URLS } from '@polyshop/config';
import Redis from 'ioredis';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import { ORDER_SAGA_STREAMS, withNats, withPg } from './stores';

/** Counters of S's stores and broker that its sagas move; deltas per saga feed the accounting. */
export interface StoreCounters {
  /** Write transactions (xids assigned) of each PostgreSQL server. */
  pgUserWrites: number;
  pgPaymentWrites: number;
  /** Explicit COMMITs of MariaDB (the services write in transactions only). */
  mariadbCommits: number;
  /** Write scripts run by Redis (inventory changes stock only through scripts). */
  redisScripts: number;
  /** Messages stored in the saga streams. */
  publishes: number;
  /** Deliveries of the saga streams' durable consumers. */
  deliveries: number;
}

const nextXid = (url: string) =>
  withPg(url, async (client) =>
    Number(
      (
        await client.query<{ x: string }>(
          'SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x',
        )
      ).rows[0].x,
    ),
  );

async function mariadbCommits(): Promise<number> {
  const connection = await createConnection({ uri: LOCAL_URLS.orderDb });
  try {
    const [rows] = await connection.query<RowDataPacket[]>("SHOW GLOBAL STATUS LIKE 'Com_commit'");
    return Number(rows[0].Value);
  } finally {
    await connection.end();
  }
}

/** `calls` of the write script commands in `INFO commandstats`. */
export function scriptCalls(commandstats: string): number {
  let calls = 0;
  for (const match of commandstats.matchAll(/^cmdstat_(evalsha|eval|fcall):calls=(\d+)/gm)) {
    calls += Number(match[2]);
  }
  return calls;
}

async function redisScripts(): Promise<number> {
  const redis = new Redis(LOCAL_URLS.inventoryRedis);
  try {
    return scriptCalls(await redis.info('commandstats'));
  } finally {
    redis.disconnect();
  }
}

const brokerCounts = () =>
  withNats(LOCAL_URLS.nats, async (nc) => {
    const jsm = await nc.jetstreamManager();
    let publishes = 0;
    let deliveries = 0;
    for (const stream of ORDER_SAGA_STREAMS) {
      publishes += (await jsm.streams.info(stream)).state.last_seq;
      for (const consumer of await jsm.consumers.list(stream).next()) {
        deliveries += consumer.delivered.consumer_seq;
      }
    }
    return { publishes, deliveries };
  });

export async function readCounters(): Promise<StoreCounters> {
  const [pgUserWrites, pgPaymentWrites, mariadb, redis, broker] = await Promise.all([
    nextXid(LOCAL_URLS.userDb),
    nextXid(LOCAL_URLS.paymentDb),
    mariadbCommits(),
    redisScripts(),
    brokerCounts(),
  ]);
  return { pgUserWrites, pgPaymentWrites, mariadbCommits: mariadb, redisScripts: redis, ...broker };
}

const combine = (a: StoreCounters, b: StoreCounters, sign: 1 | -1): StoreCounters => {
  const result = { ...a };
  for (const key of Object.keys(result) as Array<keyof StoreCounters>) result[key] += sign * b[key];
  return result;
};

/** after - before, key by key. */
export const counterDelta = (before: StoreCounters, after: StoreCounters) =>
  combine(after, before, -1);

/** a + b, key by key. */
export const sumCounters = (a: StoreCounters, b: StoreCounters) => combine(a, b, 1);
