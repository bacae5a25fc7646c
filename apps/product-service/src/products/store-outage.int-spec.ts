import { RPC_PATTERNS } from '@polyshop/contracts';
import { waitFor } from '@polyshop/testing';
import { STORE_WAIT_MS } from '../database/database.module';
import { ProductServiceTestApp, uniqueSku } from '../testing/product-service.test-app';

describe('product RPC calls while MongoDB is unreachable', () => {
  let service: ProductServiceTestApp;

  beforeAll(async () => {
    service = await ProductServiceTestApp.start();
  });

  afterAll(async () => {
    await service?.close();
  });

  it('answers SERVICE.UNAVAILABLE instead of hanging, and serves again once the store is back', async () => {
    const lamp = await service.callOk(RPC_PATTERNS.PRODUCTS_CREATE, {
      sku: uniqueSku('LAMP'),
      name: 'Desk lamp',
      price: 3999,
      currency: 'EUR',
      initialStock: 3,
    });

    service.mongoProxy.cut();
    const started = Date.now();
    const [get, create] = await Promise.all([
      service.call(RPC_PATTERNS.PRODUCTS_GET, { productId: lamp.id }),
      service.call(RPC_PATTERNS.PRODUCTS_CREATE, {
        sku: uniqueSku('LAMP'),
        name: 'Floor lamp',
        price: 8999,
        currency: 'EUR',
        initialStock: 1,
      }),
    ]);
    const waited = Date.now() - started;
    service.mongoProxy.restore();

    expect(get).toMatchObject({ code: 'SERVICE.UNAVAILABLE', status: 503 });
    expect(create).toMatchObject({ code: 'SERVICE.UNAVAILABLE', status: 503 });
    expect(waited).toBeLessThan(2 * STORE_WAIT_MS);
    await waitFor(
      () => service.call(RPC_PATTERNS.PRODUCTS_GET, { productId: lamp.id }),
      (reply) => JSON.stringify(reply) === JSON.stringify(lamp),
      { description: 'the product served again', timeoutMs: 30_000 },
    );
  });
});
