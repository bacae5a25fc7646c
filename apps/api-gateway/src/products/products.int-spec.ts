import { rpcError, type ProductView } from '@polyshop/contracts';
import { expectProblem, GatewayHarness, TEST_RPC_TIMEOUT_MS } from '../testing/gateway-harness';

const mugId = '665f1c2ab4d3e2f1a0b9c8d7';
const mug: ProductView = {
  id: mugId,
  sku: 'MUG-01',
  name: 'Mug',
  description: null,
  price: 1290,
  currency: 'EUR',
  createdAt: '2025-01-15T10:00:00.000Z',
  updatedAt: '2025-01-15T10:00:00.000Z',
};

const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
};

describe('products (gateway against fake services)', () => {
  let gateway: GatewayHarness;

  beforeAll(async () => {
    gateway = await GatewayHarness.start();
  });

  afterAll(() => gateway?.stop());

  beforeEach(async () => {
    await gateway.fakes.reply('rpc.products.get', mug);
    await gateway.fakes.answer('rpc.inventory.get-availability', ({ productIds }) => ({
      reply: { items: productIds.map((productId) => ({ productId, available: 7 })) },
    }));
  });

  describe('GET /products/:id (composition)', () => {
    it('answers the product with its availability from inventory-service', async () => {
      const answer = await gateway.request('GET', `/products/${mugId}`);

      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ ...mug, availability: { available: 7 } });
      expect(gateway.fakes.lastCallOf('rpc.inventory.get-availability').payload).toEqual({
        productIds: [mugId],
      });
    });

    it('answers availability null when inventory-service is down', async () => {
      await gateway.fakes.down('rpc.inventory.get-availability');

      const answer = await gateway.request('GET', `/products/${mugId}`);

      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ ...mug, availability: null });
    });

    it('answers availability null, within the RPC deadline, when inventory-service hangs', async () => {
      await gateway.fakes.hang('rpc.inventory.get-availability');

      const [answer, elapsedMs] = await timed(() => gateway.request('GET', `/products/${mugId}`));

      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ ...mug, availability: null });
      expect(elapsedMs).toBeGreaterThanOrEqual(TEST_RPC_TIMEOUT_MS - 10);
      expect(elapsedMs).toBeLessThan(TEST_RPC_TIMEOUT_MS + 1_000);
    });

    it('answers 0 available for a product inventory has not heard of yet', async () => {
      await gateway.fakes.reply('rpc.inventory.get-availability', { items: [] });

      const answer = await gateway.request('GET', `/products/${mugId}`);

      expect(answer.body).toMatchObject({ availability: { available: 0 } });
    });

    it('answers 503 SERVICE.UNAVAILABLE at once when product-service is down', async () => {
      await gateway.fakes.down('rpc.products.get');

      const [answer, elapsedMs] = await timed(() => gateway.request('GET', `/products/${mugId}`));

      const problem = expectProblem(answer, 503, 'SERVICE.UNAVAILABLE');
      expect(problem.detail).toBe(
        'product-service is unavailable: nothing answers rpc.products.get',
      );
      expect(elapsedMs).toBeLessThan(TEST_RPC_TIMEOUT_MS);
    });

    it('answers 503 SERVICE.UNAVAILABLE once the RPC deadline passes when product-service hangs', async () => {
      await gateway.fakes.hang('rpc.products.get');

      const [answer, elapsedMs] = await timed(() => gateway.request('GET', `/products/${mugId}`));

      const problem = expectProblem(answer, 503, 'SERVICE.UNAVAILABLE');
      expect(problem.detail).toBe(
        `product-service did not answer rpc.products.get within ${TEST_RPC_TIMEOUT_MS} ms`,
      );
      expect(elapsedMs).toBeGreaterThanOrEqual(TEST_RPC_TIMEOUT_MS - 10);
      expect(elapsedMs).toBeLessThan(TEST_RPC_TIMEOUT_MS + 1_000);
    });

    it('answers 404 PRODUCT.NOT_FOUND when product-service does not know it', async () => {
      await gateway.fakes.reply('rpc.products.get', rpcError('PRODUCT.NOT_FOUND', 'No product'));

      const answer = await gateway.request('GET', `/products/${mugId}`);

      expectProblem(answer, 404, 'PRODUCT.NOT_FOUND');
    });

    it('answers 400 for an id that is not a product id, without calling anyone', async () => {
      const calls = gateway.fakes.callsOf('rpc.products.get').length;

      const answer = await gateway.request('GET', '/products/not-an-id');

      const problem = expectProblem(answer, 400, 'VALIDATION.FAILED');
      expect(problem.errors?.map((e) => e.field)).toEqual(['id']);
      expect(gateway.fakes.callsOf('rpc.products.get')).toHaveLength(calls);
    });
  });

  describe('GET /products', () => {
    it('passes the search and the paging on as numbers and answers the page', async () => {
      await gateway.fakes.reply('rpc.products.list', { items: [mug], total: 31 });

      const answer = await gateway.request('GET', '/products?q=mug&limit=10&offset=20');

      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ items: [mug], total: 31 });
      expect(gateway.fakes.lastCallOf('rpc.products.list').payload).toEqual({
        q: 'mug',
        limit: 10,
        offset: 20,
      });
    });

    it('answers 400 for a page size out of range or an unknown query parameter', async () => {
      const tooBig = await gateway.request('GET', '/products?limit=101');
      const notANumber = await gateway.request('GET', '/products?offset=first');
      const unknown = await gateway.request('GET', '/products?sort=price');

      expect(expectProblem(tooBig, 400, 'VALIDATION.FAILED').errors?.[0]?.field).toBe('limit');
      expect(expectProblem(notANumber, 400, 'VALIDATION.FAILED').errors?.[0]?.field).toBe('offset');
      expect(expectProblem(unknown, 400, 'VALIDATION.FAILED').errors?.[0]?.field).toBe('sort');
    });
  });

  describe('admin writes', () => {
    it('PATCH /products/:id sends the changes with the id from the path', async () => {
      const admin = gateway.userWith('admin');
      await gateway.fakes.answer('rpc.products.update', ({ price }) => ({
        reply: { ...mug, price: price ?? mug.price },
      }));

      const answer = await gateway.request('PATCH', `/products/${mugId}`, {
        token: admin.token,
        body: { price: 990 },
      });

      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ id: mugId, price: 990 });
      expect(gateway.fakes.lastCallOf('rpc.products.update').payload).toEqual({
        productId: mugId,
        price: 990,
      });
    });

    it('PATCH /products/:id refuses a productId in the body', async () => {
      const admin = gateway.userWith('admin');

      const answer = await gateway.request('PATCH', `/products/${mugId}`, {
        token: admin.token,
        body: { productId: '665f1c2ab4d3e2f1a0b9c8d8', price: 990 },
      });

      expect(expectProblem(answer, 400, 'VALIDATION.FAILED').errors?.[0]?.field).toBe('productId');
    });

    it('PUT /inventory/:productId sets the stock and answers 200 with it', async () => {
      const admin = gateway.userWith('admin');
      await gateway.fakes.answer('rpc.inventory.set-stock', (request) => ({ reply: request }));

      const answer = await gateway.request('PUT', `/inventory/${mugId}`, {
        token: admin.token,
        body: { available: 25 },
      });

      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ productId: mugId, available: 25 });
    });

    it('PUT /inventory/:productId refuses a negative stock and a user caller', async () => {
      const admin = gateway.userWith('admin');
      const user = gateway.userWith('user');

      const negative = await gateway.request('PUT', `/inventory/${mugId}`, {
        token: admin.token,
        body: { available: -1 },
      });
      const byUser = await gateway.request('PUT', `/inventory/${mugId}`, {
        token: user.token,
        body: { available: 1 },
      });

      expectProblem(negative, 400, 'VALIDATION.FAILED');
      expectProblem(byUser, 403, 'AUTH.FORBIDDEN');
    });
  });
});
