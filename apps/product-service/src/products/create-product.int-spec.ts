import { randomUUID } from 'node:crypto';
import { RPC_PATTERNS, type CreateProductRequest } from '@polyshop/contracts';
import { MongoOutboxStore } from '@polyshop/messaging';
import {
  ProductServiceTestApp,
  anyString,
  matching,
  uniqueSku,
} from '../testing/product-service.test-app';

const SUBJECT = 'product.created.v1';

describe('rpc.products.create (MongoDB, NATS)', () => {
  let service: ProductServiceTestApp;

  const mug = (sku = uniqueSku('MUG')): CreateProductRequest => ({
    sku,
    name: 'Blue coffee mug',
    description: 'Ceramic, 300 ml',
    price: 1250,
    currency: 'EUR',
    initialStock: 40,
  });

  beforeAll(async () => {
    service = await ProductServiceTestApp.start();
  });

  afterAll(async () => {
    await service?.close();
  });

  it('stores the product and publishes exactly one product.created.v1 with its initial stock', async () => {
    const probe = await service.probe();
    const correlationId = randomUUID();
    const request = mug();

    const reply = await service.call(RPC_PATTERNS.PRODUCTS_CREATE, request, correlationId);

    expect(reply).toEqual({
      id: matching(/^[0-9a-f]{24}$/),
      sku: request.sku,
      name: 'Blue coffee mug',
      description: 'Ceramic, 300 ml',
      price: 1250,
      currency: 'EUR',
      createdAt: anyString(),
      updatedAt: anyString(),
    });
    const { id } = reply as { id: string };
    const stored = await service.products.findOne({ sku: request.sku });
    expect(stored?._id.toHexString()).toBe(id);
    expect(stored).toMatchObject({ price: 1250, currency: 'EUR', version: 0 });

    const appended = await service.appended(SUBJECT, id);
    expect(appended).toHaveLength(1);
    const [{ id: eventId, envelope }] = appended;
    expect(envelope).toMatchObject({
      id: eventId,
      producer: 'product',
      correlationId,
      data: {
        productId: id,
        sku: request.sku,
        name: 'Blue coffee mug',
        price: 1250,
        currency: 'EUR',
        initialStock: 40,
      },
    });
    await service.published(eventId);
    const copies = await probe.copiesOf(SUBJECT, eventId);
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatchObject({ subject: SUBJECT, msgId: eventId });
    expect(JSON.parse(copies[0].payload)).toEqual(envelope);
  });

  it('lists a product without a description as having none', async () => {
    const withoutDescription: Partial<CreateProductRequest> = mug();
    delete withoutDescription.description;

    const reply = await service.callOk(RPC_PATTERNS.PRODUCTS_CREATE, withoutDescription);

    expect(reply.description).toBeNull();
  });

  it('answers PRODUCT.SKU_TAKEN for a SKU already listed, and stores and announces nothing more', async () => {
    const sku = uniqueSku('DUP');
    const first = await service.callOk(RPC_PATTERNS.PRODUCTS_CREATE, mug(sku));

    const reply = await service.call(RPC_PATTERNS.PRODUCTS_CREATE, {
      ...mug(sku),
      name: 'Another mug',
    });

    expect(reply).toMatchObject({ code: 'PRODUCT.SKU_TAKEN', status: 409 });
    expect(await service.products.find({ sku }).toArray()).toEqual([
      expect.objectContaining({ name: first.name }),
    ]);
    expect(await service.appended(SUBJECT, sku)).toHaveLength(1);
  });

  it('keeps neither the product nor its event when the transaction fails after both were written', async () => {
    const outbox = service.app.get(MongoOutboxStore);
    const append = outbox.append.bind(outbox);
    const failing = jest.spyOn(outbox, 'append').mockImplementationOnce(async (events, session) => {
      await append(events, session);
      throw new Error('the process failed before the commit');
    });
    const request = mug();

    const reply = await service.call(RPC_PATTERNS.PRODUCTS_CREATE, request);

    expect(failing).toHaveBeenCalledTimes(1);
    expect(reply).toMatchObject({ code: 'INTERNAL.ERROR', status: 500 });
    expect(await service.products.findOne({ sku: request.sku })).toBeNull();
    expect(await service.appended(SUBJECT, request.sku)).toEqual([]);
    const retried = await service.callOk(RPC_PATTERNS.PRODUCTS_CREATE, request);
    expect(await service.appended(SUBJECT, retried.id)).toHaveLength(1);
  });

  it('answers VALIDATION.FAILED for an invalid product and stores nothing', async () => {
    const request = { ...mug(), price: -1, currency: 'euro' };

    const reply = await service.call(RPC_PATTERNS.PRODUCTS_CREATE, request);

    expect(reply).toMatchObject({
      code: 'VALIDATION.FAILED',
      status: 400,
      fields: expect.arrayContaining([
        expect.objectContaining({ field: 'price' }),
        expect.objectContaining({ field: 'currency' }),
      ]) as unknown,
    });
    expect(await service.products.findOne({ sku: request.sku })).toBeNull();
  });
});
