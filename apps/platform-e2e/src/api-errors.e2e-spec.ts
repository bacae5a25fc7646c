import {
  admin,
  call,
  expectProblem,
  newProduct,
  newUser,
  type Product,
  type Session,
} from './support/api';

describe('requests the gateway refuses, as problem details', () => {
  let adminToken: string;
  let shopper: Session;
  let product: Product;

  beforeAll(async () => {
    adminToken = await admin();
    shopper = await newUser();
    product = await newProduct(adminToken, 5);
  });

  /** None of these requests may have placed anything (the invariants check the stock too). */
  afterEach(async () => {
    const mine = await call<{ total: number }>('GET', '/orders', { token: shopper.token });
    expect(mine.body.total).toBe(0);
  });

  const placeWith = (body: unknown, token = shopper.token) =>
    call('POST', '/orders', { token, body });

  it('answers 400 VALIDATION.FAILED naming an unknown field, at the top level and in an item', async () => {
    const item = { productId: product.id, quantity: 1 };

    const topLevel = await placeWith({ items: [item], paymentToken: 'tok_visa', coupon: 'FREE' });
    const inItem = await placeWith({
      items: [{ ...item, unitPrice: 1 }],
      paymentToken: 'tok_visa',
    });
    const selfPromotion = await call('POST', '/auth/register', {
      body: {
        email: `e2e-admin-${product.id}@example.test`,
        password: 'correct horse battery staple',
        name: 'Mallory',
        role: 'admin',
      },
    });

    const fieldsOf = (problem: { errors?: Array<{ field: string }> }) =>
      problem.errors?.map((e) => e.field);
    expect(fieldsOf(expectProblem(topLevel, 400, 'VALIDATION.FAILED'))).toContain('coupon');
    expect(fieldsOf(expectProblem(inItem, 400, 'VALIDATION.FAILED'))).toEqual([
      expect.stringContaining('unitPrice'),
    ]);
    expect(fieldsOf(expectProblem(selfPromotion, 400, 'VALIDATION.FAILED'))).toContain('role');
  });

  it('answers 400 VALIDATION.FAILED to values of the wrong type', async () => {
    const quantityAsText = await placeWith({
      items: [{ productId: product.id, quantity: '2' }],
      paymentToken: 'tok_visa',
    });
    const itemsAsObject = await placeWith({
      items: { productId: product.id, quantity: 1 },
      paymentToken: 'tok_visa',
    });
    const fractionalPrice = await call('POST', '/products', {
      token: adminToken,
      body: { sku: 'E2E-BADPRICE', name: 'Bad', price: 12.5, currency: 'EUR', initialStock: 1 },
    });
    const limitAsWord = await call('GET', '/products?limit=many');

    expectProblem(quantityAsText, 400, 'VALIDATION.FAILED');
    expectProblem(itemsAsObject, 400, 'VALIDATION.FAILED');
    expectProblem(fractionalPrice, 400, 'VALIDATION.FAILED');
    expectProblem(limitAsWord, 400, 'VALIDATION.FAILED');
  });

  it('answers 400 VALIDATION.FAILED to a payment token that is no test card', async () => {
    const answer = await placeWith({
      items: [{ productId: product.id, quantity: 1 }],
      paymentToken: 'tok_mastercard',
    });

    const problem = expectProblem(answer, 400, 'VALIDATION.FAILED');
    expect(problem.errors?.map((e) => e.field)).toEqual(['paymentToken']);
  });

  it('answers 400 VALIDATION.FAILED to malformed JSON', async () => {
    const answer = await call('POST', '/orders', {
      token: shopper.token,
      rawBody: `{"items":[{"productId":"${product.id}","quantity":1}],"paymentToken":`,
    });

    expectProblem(answer, 400, 'VALIDATION.FAILED');
  });

  it('answers 401 AUTH.UNAUTHENTICATED with a Bearer challenge to a missing or forged token', async () => {
    const body = { items: [{ productId: product.id, quantity: 1 }], paymentToken: 'tok_visa' };

    const missing = await call('POST', '/orders', { body });
    const forged = await placeWith(body, `${shopper.token.slice(0, -4)}AAAA`);
    const profile = await call('GET', '/users/me');

    for (const answer of [missing, forged, profile]) {
      expectProblem(answer, 401, 'AUTH.UNAUTHENTICATED');
      expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });

  it('answers 403 AUTH.FORBIDDEN to a shopper changing a price or the stock', async () => {
    const patch = await call('PATCH', `/products/${product.id}`, {
      token: shopper.token,
      body: { price: 1 },
    });
    const stock = await call('PUT', `/inventory/${product.id}`, {
      token: shopper.token,
      body: { available: 1000 },
    });

    expectProblem(patch, 403, 'AUTH.FORBIDDEN');
    expectProblem(stock, 403, 'AUTH.FORBIDDEN');
    const detail = await call<{ price: number; availability: { available: number } }>(
      'GET',
      `/products/${product.id}`,
    );
    expect(detail.body).toMatchObject({ price: product.price, availability: { available: 5 } });
  });
});
