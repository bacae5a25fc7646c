import { ProductServiceTestApp } from '../../testing/product-service.test-app';
import { PRODUCT_INDEXES } from './product.schema';
import { ProductsRepository } from './products.repository';

describe('products collection indexes (MongoDB)', () => {
  let service: ProductServiceTestApp;

  const indexes = async () =>
    (await service.products.indexes()).map(({ name, key, unique }) => ({
      name,
      key,
      unique: unique ?? false,
    }));

  beforeAll(async () => {
    service = await ProductServiceTestApp.start();
  });

  afterAll(async () => {
    await service?.close();
  });

  it('creates the collection with its unique SKU, text and newest-first indexes at boot', async () => {
    expect(await indexes()).toEqual(
      expect.arrayContaining([
        { name: PRODUCT_INDEXES.sku, key: { sku: 1 }, unique: true },
        { name: PRODUCT_INDEXES.text, key: { _fts: 'text', _ftsx: 1 }, unique: false },
        { name: PRODUCT_INDEXES.newestFirst, key: { createdAt: -1, _id: -1 }, unique: false },
      ]),
    );
    expect(await indexes()).toHaveLength(4);
  });

  it('makes the indexes exactly those of the schema again on the next boot, dropping strays', async () => {
    const before = await indexes();
    await service.products.createIndex({ name: 1 }, { name: 'stray_name' });

    await service.app.get(ProductsRepository).onModuleInit();

    expect(await indexes()).toEqual(before);
  });
});
