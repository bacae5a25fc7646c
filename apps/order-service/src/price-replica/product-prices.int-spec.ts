import { randomUUID } from 'node:crypto';
import { RPC_PATTERNS } from '@polyshop/contracts';
import { waitFor } from '@polyshop/testing';
import { OrderServiceTestApp, newProductId } from '../testing/order-service.test-app';

/** The replica of product prices, fed by product-service's events on the real stream. */
describe('price replica (product events, MariaDB)', () => {
  let t: OrderServiceTestApp;

  const created = (productId: string, price: number, occurredAt: Date, currency = 'EUR') =>
    t.publish(
      'product.created.v1',
      { productId, sku: `SKU-${productId}`, name: 'Lamp', price, currency, initialStock: 5 },
      { occurredAt },
    );
  const priceChanged = (
    productId: string,
    price: number,
    previousPrice: number,
    occurredAt: Date,
    currency = 'EUR',
  ) =>
    t.publish(
      'product.price-changed.v1',
      { productId, price, previousPrice, currency },
      { occurredAt },
    );
  /** Waits until the replica's consumer of `subject` recorded `eventId` in its inbox. */
  const handled = (consumer: string, eventId: string) =>
    waitFor(
      () =>
        t.dataSource.query<{ n: number }[]>(
          'SELECT COUNT(*) AS n FROM inbox WHERE consumer = ? AND event_id = ?',
          [consumer, eventId],
        ),
      (rows) => Number(rows[0].n) === 1,
      { description: `${consumer} handled ${eventId}` },
    );
  const at = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000);

  beforeAll(async () => {
    t = await OrderServiceTestApp.start();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('learns a new product and its price from product.created.v1', async () => {
    const productId = newProductId();

    await created(productId, 4200, at(10));

    await waitFor(
      () => t.price(productId),
      (row) => row !== undefined,
      { description: 'replica row' },
    );
    expect(await t.price(productId)).toEqual({ price: '4200', currency: 'EUR' });
  });

  it('takes a newer price from product.price-changed.v1, and orders placed after use it', async () => {
    const productId = newProductId();
    await created(productId, 1000, at(10));
    await waitFor(
      () => t.price(productId),
      (row) => row?.price === '1000',
    );

    await priceChanged(productId, 1500, 1000, at(5));

    await waitFor(
      () => t.price(productId),
      (row) => row?.price === '1500',
      {
        description: 'new price',
      },
    );
    const { id } = await t.callOk(RPC_PATTERNS.ORDERS_PLACE, {
      userId: randomUUID(),
      items: [{ productId, quantity: 2 }],
      paymentToken: 'tok_visa',
    });
    expect(await t.order(id)).toMatchObject({ total: '3000' });
  });

  it('keeps the newer price when an older price change arrives late', async () => {
    const productId = newProductId();
    await created(productId, 1000, at(30));
    const newer = await priceChanged(productId, 2000, 1000, at(10));
    await handled('order-product-price-changed-v1', newer.id);

    const older = await priceChanged(productId, 1500, 1000, at(20));

    await handled('order-product-price-changed-v1', older.id);
    expect(await t.price(productId)).toEqual({ price: '2000', currency: 'EUR' });
  });

  it('keeps a price change that overtook its product.created.v1', async () => {
    const productId = newProductId();
    const change = await priceChanged(productId, 2500, 1000, at(5), 'USD');
    await handled('order-product-price-changed-v1', change.id);

    const creation = await created(productId, 1000, at(10), 'EUR');

    await handled('order-product-created-v1', creation.id);
    expect(await t.price(productId)).toEqual({ price: '2500', currency: 'USD' });
  });
});
