import { randomBytes, randomUUID } from 'node:crypto';
import { RPC_PATTERNS, type ProductView } from '@polyshop/contracts';
import { Types } from 'mongoose';
import { ProductServiceTestApp, anyString, uniqueSku } from '../testing/product-service.test-app';

const PRICE_CHANGED = 'product.price-changed.v1';

describe('rpc.products.update (MongoDB, NATS)', () => {
  let service: ProductServiceTestApp;

  const listMug = (): Promise<ProductView> =>
    service.callOk(RPC_PATTERNS.PRODUCTS_CREATE, {
      sku: uniqueSku('MUG'),
      name: 'Blue coffee mug',
      description: 'Ceramic, 300 ml',
      price: 1250,
      currency: 'EUR',
      initialStock: 10,
    });

  const storedVersion = async (id: string) =>
    (await service.products.findOne({ _id: new Types.ObjectId(id) }))?.version;

  beforeAll(async () => {
    service = await ProductServiceTestApp.start();
  });

  afterAll(async () => {
    await service?.close();
  });

  it('changes the price and publishes exactly one product.price-changed.v1 with the previous price', async () => {
    const mug = await listMug();
    const probe = await service.probe();
    const correlationId = randomUUID();

    const reply = await service.call(
      RPC_PATTERNS.PRODUCTS_UPDATE,
      { productId: mug.id, price: 1490 },
      correlationId,
    );

    expect(reply).toEqual({ ...mug, price: 1490, updatedAt: anyString() });
    expect(Date.parse((reply as ProductView).updatedAt)).toBeGreaterThanOrEqual(
      Date.parse(mug.updatedAt),
    );
    expect(await service.products.findOne({ _id: new Types.ObjectId(mug.id) })).toMatchObject({
      price: 1490,
      version: 1,
    });
    const appended = await service.appended(PRICE_CHANGED, mug.id);
    expect(appended).toHaveLength(1);
    const [{ id: eventId, envelope }] = appended;
    expect(envelope).toMatchObject({
      correlationId,
      producer: 'product',
      data: { productId: mug.id, price: 1490, previousPrice: 1250, currency: 'EUR' },
    });
    await service.published(eventId);
    const copies = await probe.copiesOf(PRICE_CHANGED, eventId);
    expect(copies).toHaveLength(1);
    expect(JSON.parse(copies[0].payload)).toEqual(envelope);
  });

  it('changes name and description without announcing a price change', async () => {
    const mug = await listMug();

    const reply = await service.call(RPC_PATTERNS.PRODUCTS_UPDATE, {
      productId: mug.id,
      name: 'Big blue mug',
      description: '',
    });

    expect(reply).toEqual({
      ...mug,
      name: 'Big blue mug',
      description: null,
      updatedAt: anyString(),
    });
    expect(await service.products.findOne({ _id: new Types.ObjectId(mug.id) })).toMatchObject({
      name: 'Big blue mug',
      description: null,
      price: 1250,
      version: 1,
    });
    expect(await service.appended(PRICE_CHANGED, mug.id)).toEqual([]);
  });

  it('writes and announces nothing when the price is set to the current one', async () => {
    const mug = await listMug();

    const reply = await service.call(RPC_PATTERNS.PRODUCTS_UPDATE, {
      productId: mug.id,
      price: mug.price,
    });

    expect(reply).toEqual(mug);
    expect(await storedVersion(mug.id)).toBe(0);
    expect(await service.appended(PRICE_CHANGED, mug.id)).toEqual([]);
  });

  it('applies concurrent price changes one after the other, each event naming the price it replaced', async () => {
    const mug = await listMug();
    const prices = [1100, 1200, 1300, 1400];

    const replies = await Promise.all(
      prices.map((price) =>
        service.callOk(RPC_PATTERNS.PRODUCTS_UPDATE, { productId: mug.id, price }),
      ),
    );

    expect(replies.map((reply) => reply.price)).toEqual(prices);
    expect(await storedVersion(mug.id)).toBe(prices.length);
    const changes = (await service.appended(PRICE_CHANGED, mug.id)).map(
      ({ envelope }) => envelope.data,
    );
    expect(changes).toHaveLength(prices.length);
    // The events chain from the original price through every price, each exactly once.
    let price = mug.price;
    const remaining = [...changes];
    while (remaining.length > 0) {
      const next = remaining.findIndex((change) => change.previousPrice === price);
      expect(next).toBeGreaterThanOrEqual(0);
      price = remaining.splice(next, 1)[0].price;
    }
    const stored = await service.products.findOne({ _id: new Types.ObjectId(mug.id) });
    expect(stored?.price).toBe(price);
  });

  it('answers PRODUCT.NOT_FOUND for an unknown product and creates nothing', async () => {
    const productId = randomBytes(12).toString('hex');

    const reply = await service.call(RPC_PATTERNS.PRODUCTS_UPDATE, { productId, price: 100 });

    expect(reply).toMatchObject({ code: 'PRODUCT.NOT_FOUND', status: 404 });
    expect(await service.products.findOne({ _id: new Types.ObjectId(productId) })).toBeNull();
    expect(await service.appended(PRICE_CHANGED, productId)).toEqual([]);
  });

  it('answers VALIDATION.FAILED for a field an update may not change', async () => {
    const mug = await listMug();

    const reply = await service.call(RPC_PATTERNS.PRODUCTS_UPDATE, {
      productId: mug.id,
      currency: 'USD',
    });

    expect(reply).toMatchObject({ code: 'VALIDATION.FAILED', status: 400 });
    expect(await storedVersion(mug.id)).toBe(0);
  });
});
