import { randomBytes } from 'node:crypto';
import { waitFor } from '@polyshop/testing';
import {
  admin,
  call,
  expectProblem,
  newProduct,
  newUser,
  placeOrder,
  terminal,
  type OrderView,
  type Product,
  type Session,
} from './support/api';

/** A word no other product's name has: `q` must find exactly one product by it. */
const uniqueWord = () =>
  [...randomBytes(10)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('');

describe('the catalog through the public API', () => {
  let adminToken: string;

  beforeAll(async () => {
    adminToken = await admin();
  });

  it('lists the catalog newest first, paged by limit and offset', async () => {
    const older = await newProduct(adminToken, 1);
    const newer = await newProduct(adminToken, 1);

    const firstPage = await call<{ items: Product[]; total: number }>('GET', '/products?limit=2');
    const secondItem = await call<{ items: Product[]; total: number }>(
      'GET',
      '/products?limit=1&offset=1',
    );

    expect(firstPage.status).toBe(200);
    expect(firstPage.body.items.map((p) => p.id)).toEqual([newer.id, older.id]);
    expect(firstPage.body.total).toBeGreaterThanOrEqual(2);
    expect(secondItem.body.items.map((p) => p.id)).toEqual([older.id]);
    expect(secondItem.body.total).toBe(firstPage.body.total);
  });

  it('finds a product by a word of its name and by its SKU', async () => {
    const word = uniqueWord();
    const product = await newProduct(adminToken, 1, 999, `Enamel ${word} mug`);

    const byWord = await call<{ items: Product[]; total: number }>(
      'GET',
      `/products?q=${encodeURIComponent(word)}`,
    );
    const bySku = await call<{ items: Product[]; total: number }>(
      'GET',
      `/products?q=${encodeURIComponent(product.sku)}`,
    );

    expect(byWord.status).toBe(200);
    expect(byWord.body).toMatchObject({ total: 1, items: [{ id: product.id, sku: product.sku }] });
    expect(bySku.body.items.map((p) => p.id)).toContain(product.id);
  });

  it('shows a product with its availability, and 404 PRODUCT.NOT_FOUND for an unknown id', async () => {
    const product = await newProduct(adminToken, 7, 2450);

    const detail = await call('GET', `/products/${product.id}`);
    const unknown = await call('GET', `/products/${'0'.repeat(24)}`);

    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      id: product.id,
      sku: product.sku,
      price: 2450,
      currency: 'EUR',
      availability: { available: 7 },
    });
    expectProblem(unknown, 404, 'PRODUCT.NOT_FOUND');
  });

  describe('a price change', () => {
    let shopper: Session;

    beforeAll(async () => {
      shopper = await newUser();
    });

    const orderOne = async (productId: string) => {
      const placed = await placeOrder(shopper.token, [{ productId, quantity: 1 }]);
      expect(placed.status).toBe(202);
      return call<OrderView>('GET', `/orders/${placed.body.id}`, { token: shopper.token });
    };

    it("reaches order-service's replica and prices new orders only", async () => {
      const product = await newProduct(adminToken, 20, 1000);
      const before = await placeOrder(shopper.token, [{ productId: product.id, quantity: 1 }]);
      expect(await terminal(shopper.token, before.body.id)).toMatchObject({
        status: 'CONFIRMED',
        total: 1000,
      });

      const patched = await call<Product>('PATCH', `/products/${product.id}`, {
        token: adminToken,
        body: { price: 1500 },
      });
      expect(patched.status).toBe(200);
      expect(patched.body.price).toBe(1500);

      // Each probe is a real order: the replica follows product.price-changed.v1 asynchronously.
      const after = await waitFor(
        () => orderOne(product.id),
        (r) => r.status === 200 && r.body.total === 1500,
        { description: 'a new order priced at 1500', intervalMs: 200 },
      );
      expect(after.body.items).toEqual([{ productId: product.id, quantity: 1, unitPrice: 1500 }]);
      expect(await terminal(shopper.token, after.body.id)).toMatchObject({
        status: 'CONFIRMED',
        total: 1500,
      });
      const old = await call<OrderView>('GET', `/orders/${before.body.id}`, {
        token: shopper.token,
      });
      expect(old.body).toMatchObject({
        status: 'CONFIRMED',
        total: 1000,
        items: [{ productId: product.id, quantity: 1, unitPrice: 1000 }],
      });
    });
  });
});
