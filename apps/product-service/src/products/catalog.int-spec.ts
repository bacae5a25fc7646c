import { randomBytes } from 'node:crypto';
import { RPC_PATTERNS, type CreateProductRequest, type ProductView } from '@polyshop/contracts';
import { ProductServiceTestApp, uniqueSku, uniqueWord } from '../testing/product-service.test-app';

describe('rpc.products.get and rpc.products.list (MongoDB, NATS)', () => {
  let service: ProductServiceTestApp;

  const list = (product: Partial<CreateProductRequest>): Promise<ProductView> =>
    service.callOk(RPC_PATTERNS.PRODUCTS_CREATE, {
      sku: uniqueSku(),
      name: 'Plain product',
      price: 500,
      currency: 'EUR',
      initialStock: 1,
      ...product,
    });

  const ids = (page: { items: readonly ProductView[] }) => page.items.map((item) => item.id);

  beforeAll(async () => {
    service = await ProductServiceTestApp.start();
  });

  afterAll(async () => {
    await service?.close();
  });

  describe('get', () => {
    it('answers a product as it was listed', async () => {
      const lamp = await list({ name: 'Desk lamp', description: 'LED, warm white', price: 3999 });

      const reply = await service.call(RPC_PATTERNS.PRODUCTS_GET, { productId: lamp.id });

      expect(reply).toEqual(lamp);
    });

    it('answers PRODUCT.NOT_FOUND for an id no product has', async () => {
      const reply = await service.call(RPC_PATTERNS.PRODUCTS_GET, {
        productId: randomBytes(12).toString('hex'),
      });

      expect(reply).toMatchObject({ code: 'PRODUCT.NOT_FOUND', status: 404 });
    });

    it('answers VALIDATION.FAILED for an id that is not an ObjectId', async () => {
      const reply = await service.call(RPC_PATTERNS.PRODUCTS_GET, { productId: 'lamp-1' });

      expect(reply).toMatchObject({ code: 'VALIDATION.FAILED', status: 400 });
    });
  });

  describe('list', () => {
    it('finds products by a word of their name or description, name matches first', async () => {
      const word = uniqueWord();
      const inDescription = await list({
        name: 'Tea cup',
        description: `Goes with ${word} saucers`,
      });
      const inName = await list({ name: `${word} kettle`, description: 'Boils water' });
      await list({ name: 'Unrelated chair' });

      const page = await service.callOk(RPC_PATTERNS.PRODUCTS_LIST, { q: word });

      expect(page).toEqual({ items: [inName, inDescription], total: 2 });
    });

    it('finds a product by its exact SKU', async () => {
      const sku = uniqueSku('LAMP');
      const lamp = await list({ sku, name: 'Floor lamp' });

      const page = await service.callOk(RPC_PATTERNS.PRODUCTS_LIST, { q: sku });

      expect(page).toEqual({ items: [lamp], total: 1 });
    });

    it('answers an empty page for a search nothing matches', async () => {
      const page = await service.callOk(RPC_PATTERNS.PRODUCTS_LIST, { q: uniqueWord() });

      expect(page).toEqual({ items: [], total: 0 });
    });

    it('pages through search results with limit and offset, each product once', async () => {
      const word = uniqueWord();
      const listed: ProductView[] = [];
      for (let i = 0; i < 5; i++) listed.push(await list({ name: `${word} poster` }));

      const pages = await Promise.all(
        [0, 2, 4, 6].map((offset) =>
          service.callOk(RPC_PATTERNS.PRODUCTS_LIST, { q: word, limit: 2, offset }),
        ),
      );

      expect(pages.map((page) => page.total)).toEqual([5, 5, 5, 5]);
      expect(pages.map((page) => page.items.length)).toEqual([2, 2, 1, 0]);
      // Equal matches come newest first.
      expect(pages.flatMap(ids)).toEqual(listed.map((product) => product.id).reverse());
    });

    it('lists the whole catalog newest first, 20 per page unless told', async () => {
      for (let i = 0; i < 21; i++) await list({ name: `Catalog item ${i}` });

      const [firstPage, all] = await Promise.all([
        service.callOk(RPC_PATTERNS.PRODUCTS_LIST, {}),
        service.callOk(RPC_PATTERNS.PRODUCTS_LIST, { limit: 100 }),
      ]);

      const stored = await service.products.countDocuments();
      expect(firstPage.total).toBe(stored);
      expect(all.total).toBe(stored);
      expect(firstPage.items).toHaveLength(20);
      expect(firstPage.items).toEqual(all.items.slice(0, 20));
      const created = all.items.map((item) => item.createdAt);
      expect(created).toEqual([...created].sort().reverse());
      expect(firstPage.items[0].name).toBe('Catalog item 20');
    });
  });
});
