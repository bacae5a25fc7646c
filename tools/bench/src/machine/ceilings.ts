import { LOCAL_URLS } from '@polyshop/config';
import Redis from 'ioredis';
import { createConnection } from 'mysql2/promise';
import { RetentionPolicy, StorageType } from 'nats';
import { Client } from 'pg';
import { withNats } from './stores';

/** Operations each ceiling keeps in flight: enough for group commit to show what a server does. */
const IN_FLIGHT = 16;

/** Runs `op` from `workers` loops for `seconds`; operations per second completed. */
async function throughput(
  seconds: number,
  workers: Array<() => Promise<unknown>>,
): Promise<number> {
  const end = performance.now() + seconds * 1_000;
  let done = 0;
  await Promise.all(
    workers.map(async (op) => {
      while (performance.now() < end) {
        await op();
        done++;
      }
    }),
  );
  return done / seconds;
}

/** Commits/s of a PostgreSQL server: `SELECT txid_current()` takes an xid, so its commit is flushed. */
export async function pgCommitCeiling(url: string, seconds: number): Promise<number> {
  const clients = Array.from({ length: IN_FLIGHT }, () => new Client({ connectionString: url }));
  await Promise.all(clients.map((client) => client.connect()));
  try {
    return await throughput(
      seconds,
      clients.map((client) => () => client.query('SELECT txid_current()')),
    );
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}

/** Commits/s of order-service's MariaDB: one-row autocommit INSERTs in a bench database. */
export async function mariadbCommitCeiling(seconds: number): Promise<number> {
  // The local account may use `orders_*` databases besides `orders` (tools/infra).
  const uri = Object.assign(new URL(LOCAL_URLS.orderDb), { pathname: '/orders_bench' }).href;
  const setUp = await createConnection({ uri: LOCAL_URLS.orderDb });
  await setUp.query('CREATE DATABASE IF NOT EXISTS orders_bench');
  await setUp.query(
    'CREATE TABLE IF NOT EXISTS orders_bench.commits (id BIGINT AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB',
  );
  await setUp.end();
  const connections = await Promise.all(
    Array.from({ length: IN_FLIGHT }, () => createConnection({ uri })),
  );
  try {
    return await throughput(
      seconds,
      connections.map((connection) => () => connection.query('INSERT INTO commits () VALUES ()')),
    );
  } finally {
    await connections[0].query('TRUNCATE TABLE commits');
    await Promise.all(connections.map((connection) => connection.end()));
  }
}

/** Script calls/s of inventory's Redis: a one-key write script, as each inventory step is one. */
export async function redisEvalCeiling(seconds: number): Promise<number> {
  const redis = new Redis(LOCAL_URLS.inventoryRedis);
  try {
    const script = "return redis.call('INCR', KEYS[1])";
    return await throughput(
      seconds,
      Array.from({ length: IN_FLIGHT }, () => () => redis.eval(script, 1, 'bench:ceiling')),
    );
  } finally {
    await redis.del('bench:ceiling');
    redis.disconnect();
  }
}

/** Acknowledged publishes/s to a file-storage stream (J's server: S's streams stay clean). */
export async function jetstreamPublishCeiling(natsUrl: string, seconds: number): Promise<number> {
  return withNats(natsUrl, async (nc) => {
    const jsm = await nc.jetstreamManager();
    const stream = 'BENCH_CEILING';
    await jsm.streams.add({
      name: stream,
      subjects: ['bench.ceiling'],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
    });
    const js = nc.jetstream();
    const payload = new TextEncoder().encode(JSON.stringify({ padding: 'x'.repeat(400) }));
    try {
      return await throughput(
        seconds,
        Array.from({ length: IN_FLIGHT }, () => () => js.publish('bench.ceiling', payload)),
      );
    } finally {
      await jsm.streams.delete(stream);
    }
  });
}
