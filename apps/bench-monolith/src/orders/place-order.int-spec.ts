import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { LOCAL_URLS } from '@polyshop/config';
import { startServiceApp } from '@polyshop/testing';
import { Client } from 'pg';
import { MONOLITH_APP_OPTIONS } from '../monolith-app';

const DATABASE = `bench_monolith_it_${process.pid}`;
const SECRET = 'bench-monolith-integration-test-secret-32+';
const serverUrl = LOCAL_URLS.paymentDb;
const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${DATABASE}` }).toString();

const PRODUCT = '665f1c2ab4d3e2f1a0b9c8d7';
const OTHER = '665f1c2ab4d3e2f1a0b9c8d8';

async function onServer(sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('POST /orders on the monolith (one PostgreSQL transaction)', () => {
  let app: NestFastifyApplication;
  let db: Client;
  const userId = randomUUID();
  const token = new JwtService({ secret: SECRET }).sign(
    { role: 'user' },
    { subject: userId, expiresIn: 600 },
  );

  const place = (body: unknown, bearer: string | null = token) =>
    app.inject({
      method: 'POST',
      url: '/orders',
      headers: bearer === null ? {} : { authorization: `Bearer ${bearer}` },
      payload: body as Record<string, unknown>,
    });
  const stock = async (id: string) =>
    Number(
      (await db.query<{ available: string }>('SELECT available FROM products WHERE id = $1', [id]))
        .rows[0].available,
    );

  beforeAll(async () => {
    await onServer(`CREATE DATABASE ${DATABASE}`);
    process.env.BENCH_MONOLITH_DB_URL = databaseUrl;
    process.env.JWT_SECRET = SECRET;
    const { AppModule } = await import('../app.module');
    app = await startServiceApp(AppModule, MONOLITH_APP_OPTIONS);
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    await db.query('INSERT INTO users (id, email) VALUES ($1, $2)', [userId, 'it@bench.local']);
    await db.query(
      `INSERT INTO products (id, price, currency, available)
       VALUES ($1, 1250, 'EUR', 5), ($2, 1999, 'EUR', 1)`,
      [PRODUCT, OTHER],
    );
  });

  afterAll(async () => {
    await db?.end();
    await app?.close();
    await onServer(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  });

  it('confirms a paid order, takes its stock and records one payment of its total', async () => {
    const response = await place({
      items: [
        { productId: PRODUCT, quantity: 2 },
        { productId: OTHER, quantity: 1 },
      ],
      paymentToken: 'tok_visa',
    });

    expect(response.statusCode).toBe(201);
    const { id, status } = response.json<{ id: string; status: string }>();
    expect(status).toBe('CONFIRMED');
    expect([await stock(PRODUCT), await stock(OTHER)]).toEqual([3, 0]);
    const { rows } = await db.query(
      `SELECT o.total, o.updated_at >= o.created_at AS ordered, p.amount, p.status
         FROM orders o JOIN payments p ON p.order_id = o.id WHERE o.id = $1`,
      [id],
    );
    expect(rows).toEqual([{ total: '4499', ordered: true, amount: '4499', status: 'SUCCEEDED' }]);
  });

  it('rejects an order one line of which lacks stock, taking no stock for any line', async () => {
    const response = await place({
      items: [
        { productId: PRODUCT, quantity: 1 },
        { productId: OTHER, quantity: 1 },
      ],
      paymentToken: 'tok_visa',
    });

    expect(response.json()).toMatchObject({ status: 'REJECTED', reason: 'OUT_OF_STOCK' });
    expect([await stock(PRODUCT), await stock(OTHER)]).toEqual([3, 0]);
  });

  it('cancels a declined payment without taking stock', async () => {
    const response = await place({
      items: [{ productId: PRODUCT, quantity: 1 }],
      paymentToken: 'tok_chargeDeclined',
    });

    expect(response.json()).toMatchObject({ status: 'CANCELLED', reason: 'PAYMENT_DECLINED' });
    expect(await stock(PRODUCT)).toBe(3);
  });

  it('answers problem details as the gateway does: 401 without a token, 400 for unknown fields, 422 for an unknown product', async () => {
    const body = { items: [{ productId: PRODUCT, quantity: 1 }], paymentToken: 'tok_visa' };
    const unknownProduct = { ...body, items: [{ productId: 'a'.repeat(24), quantity: 1 }] };

    const answers = await Promise.all([
      place(body, null),
      place({ ...body, coupon: 'FREE' }),
      place(unknownProduct),
    ]);

    expect(answers.map((a) => [a.statusCode, a.json<{ code: string }>().code])).toEqual([
      [401, 'AUTH.UNAUTHENTICATED'],
      [400, 'VALIDATION.FAILED'],
      [422, 'ORDER.UNKNOWN_PRODUCT'],
    ]);
    expect(await stock(PRODUCT)).toBe(3);
  });
});
