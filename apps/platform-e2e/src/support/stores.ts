import Redis from 'ioredis';
import { mongo } from 'mongoose';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import { Client as PgClient } from 'pg';
import { endpoints } from './endpoints';

/** A row of user-service's `users` table, read straight from its PostgreSQL. */
export async function readStoredUser(userId: string): Promise<Record<string, unknown>> {
  const pg = new PgClient({ connectionString: endpoints().userDb });
  await pg.connect();
  try {
    const { rows } = await pg.query<Record<string, unknown>>(
      `SELECT email_encrypted, name_encrypted, address_encrypted, password_hash, role
       FROM users WHERE id = $1`,
      [userId],
    );
    if (!rows[0]) throw new Error(`user ${userId} is not in user-service's store`);
    return rows[0];
  } finally {
    await pg.end();
  }
}

/**
 * What the platform's stores hold, in brief: how many rows or documents each table or
 * collection has (a request that inserted anything changes one), and the stored state of a few
 * watched products and orders (a request that updated them changes that).
 */
export interface Footprint {
  /** Rows or documents per table or collection. */
  counts: {
    users: number;
    products: number;
    orders: number;
    orderItems: number;
    payments: number;
    refunds: number;
    pspCharges: number;
  };
  /** Per watched product: its document (price, name, version...) and its stock hash. */
  products: Record<string, { document: unknown; stock: Record<string, string> }>;
  /** Per watched order: its row's status, reason and version. */
  orders: Record<string, unknown>;
}

export interface FootprintReader {
  read(): Promise<Footprint>;
  close(): Promise<void>;
}

/**
 * Opens one connection to each store (read per request by the edge fuzzing, so not one per
 * read) and reads the footprint: user-service's PostgreSQL, product-service's MongoDB,
 * order-service's MariaDB, payment-service's PostgreSQL and inventory-service's Redis.
 */
export async function openFootprintReader(watched: {
  productIds: readonly string[];
  orderIds: readonly string[];
}): Promise<FootprintReader> {
  const { userDb, paymentDb, productMongo, inventoryRedis, inventoryKeyPrefix, orderDb } =
    endpoints();
  const users = new PgClient({ connectionString: userDb });
  const payments = new PgClient({ connectionString: paymentDb });
  const products = new mongo.MongoClient(productMongo);
  const redis = new Redis(inventoryRedis, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await Promise.all([users.connect(), payments.connect(), products.connect(), redis.connect()]);
  const orders = await createConnection({ uri: orderDb });
  const catalog = products.db().collection('products');

  const readProduct = async (id: string) => ({
    document: await catalog.findOne({ _id: new mongo.ObjectId(id) }),
    stock: await redis.hgetall(`${inventoryKeyPrefix}stock:${id}`),
  });
  const readOrders = async () => {
    const [[counts]] = await orders.query<RowDataPacket[]>(
      'SELECT (SELECT COUNT(*) FROM orders) AS orders, (SELECT COUNT(*) FROM order_items) AS items',
    );
    const [rows] =
      watched.orderIds.length === 0
        ? [[] as RowDataPacket[]]
        : await orders.query<RowDataPacket[]>(
            'SELECT id, status, reason, version FROM orders WHERE id IN (?)',
            [watched.orderIds],
          );
    return { counts, rows };
  };

  return {
    async read() {
      const [userCount, productCount, fromOrders, money, watchedProducts] = await Promise.all([
        users.query<{ n: string }>('SELECT COUNT(*) AS n FROM users'),
        catalog.countDocuments(),
        readOrders(),
        payments.query<{ payments: string; refunds: string; charges: string }>(
          `SELECT (SELECT COUNT(*) FROM payments) AS payments, (SELECT COUNT(*) FROM refunds) AS refunds,
                  (SELECT COUNT(*) FROM psp_charges) AS charges`,
        ),
        Promise.all(watched.productIds.map(async (id) => [id, await readProduct(id)] as const)),
      ]);
      return {
        counts: {
          users: Number(userCount.rows[0].n),
          products: productCount,
          orders: Number(fromOrders.counts.orders),
          orderItems: Number(fromOrders.counts.items),
          payments: Number(money.rows[0].payments),
          refunds: Number(money.rows[0].refunds),
          pspCharges: Number(money.rows[0].charges),
        },
        products: Object.fromEntries(watchedProducts),
        orders: Object.fromEntries(fromOrders.rows.map((row) => [row.id as string, { ...row }])),
      };
    },
    async close() {
      redis.disconnect();
      await Promise.all([users.end(), payments.end(), products.close(), orders.end()]);
    },
  };
}
