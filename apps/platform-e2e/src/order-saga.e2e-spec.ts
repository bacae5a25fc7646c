import {
  admin,
  call,
  newProduct,
  newUser,
  placeOrder,
  terminal,
  type Session,
} from './support/api';

describe('the order saga through the public API', () => {
  let adminToken: string;
  let shopper: Session;

  beforeAll(async () => {
    adminToken = await admin();
    shopper = await newUser();
  });

  it('confirms an order paid with tok_visa and moves its stock from available to sold', async () => {
    const product = await newProduct(adminToken, 5, 1250);
    const placed = await placeOrder(shopper.token, [{ productId: product.id, quantity: 2 }]);
    expect(placed.status).toBe(202);
    expect(placed.body.status).toBe('PENDING');
    const order = await terminal(shopper.token, placed.body.id);
    expect(order).toMatchObject({ status: 'CONFIRMED', total: 2500 });
    const detail = await call<{ availability: { available: number } }>(
      'GET',
      `/products/${product.id}`,
    );
    expect(detail.body.availability.available).toBe(3);
  });

  it('rejects an order for more than the stock with OUT_OF_STOCK', async () => {
    const product = await newProduct(adminToken, 1);
    const placed = await placeOrder(shopper.token, [{ productId: product.id, quantity: 2 }]);
    expect(await terminal(shopper.token, placed.body.id)).toMatchObject({
      status: 'REJECTED',
      reason: 'OUT_OF_STOCK',
    });
  });

  it('cancels an order whose payment is declined and gives its stock back', async () => {
    const product = await newProduct(adminToken, 3);
    const placed = await placeOrder(
      shopper.token,
      [{ productId: product.id, quantity: 1 }],
      'tok_chargeDeclined',
    );
    expect(await terminal(shopper.token, placed.body.id)).toMatchObject({
      status: 'CANCELLED',
      reason: 'PAYMENT_DECLINED',
    });
    const detail = await call<{ availability: { available: number } }>(
      'GET',
      `/products/${product.id}`,
    );
    expect(detail.body.availability.available).toBe(3);
  });

  it('returns the same order for a repeated Idempotency-Key', async () => {
    const product = await newProduct(adminToken, 5);
    const headers = { 'idempotency-key': `key-${product.id}` };
    const items = [{ productId: product.id, quantity: 1 }];
    const first = await placeOrder(shopper.token, items, 'tok_visa', headers);
    const second = await placeOrder(shopper.token, items, 'tok_visa', headers);
    expect(second.body.id).toBe(first.body.id);
    const mine = await call<{ items: Array<{ id: string }> }>('GET', '/orders', {
      token: shopper.token,
    });
    expect(mine.body.items.filter((o) => o.id === first.body.id)).toHaveLength(1);
  });

  it("answers 404 to another user asking for someone's order", async () => {
    const product = await newProduct(adminToken, 2);
    const placed = await placeOrder(shopper.token, [{ productId: product.id, quantity: 1 }]);
    const stranger = await newUser();
    const peek = await call('GET', `/orders/${placed.body.id}`, { token: stranger.token });
    expect(peek.status).toBe(404);
    expect(peek.contentType).toContain('application/problem+json');
  });

  it('confirms exactly 10 of 50 concurrent orders for 10 units: no oversell', async () => {
    const product = await newProduct(adminToken, 10);
    // One at a time: five argon2id hashes at once outlast the gateway's RPC deadline on 2 cores.
    const shoppers: Session[] = [];
    for (let i = 0; i < 5; i++) shoppers.push(await newUser());
    const placed = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        placeOrder(shoppers[i % 5].token, [{ productId: product.id, quantity: 1 }]),
      ),
    );
    expect(placed.every((p) => p.status === 202)).toBe(true);
    const outcomes = await Promise.all(
      placed.map((p, i) => terminal(shoppers[i % 5].token, p.body.id, 60_000)),
    );
    const confirmed = outcomes.filter((o) => o.status === 'CONFIRMED');
    expect(confirmed).toHaveLength(10);
    expect(outcomes.filter((o) => o.status === 'REJECTED')).toHaveLength(40);
    const detail = await call<{ availability: { available: number } }>(
      'GET',
      `/products/${product.id}`,
    );
    expect(detail.body.availability.available).toBe(0);
  });
});
