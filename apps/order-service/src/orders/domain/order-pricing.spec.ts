import { InvalidOrderError, UnknownProductError } from './order.errors';
import { mergeLines, priceOrder, type KnownPrice } from './order-pricing';
import { requestFingerprint } from './request-fingerprint';

const A = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbbbbbbbbbb';
const C = 'cccccccccccccccccccccccc';

const prices = new Map<string, KnownPrice>([
  [A, { price: 1250, currency: 'EUR' }],
  [B, { price: 99, currency: 'EUR' }],
  [C, { price: 500, currency: 'USD' }],
]);

describe('mergeLines', () => {
  it('adds up the quantities of lines naming the same product, keeping first-named order', () => {
    expect(
      mergeLines([
        { productId: B, quantity: 1 },
        { productId: A, quantity: 2 },
        { productId: B, quantity: 3 },
      ]),
    ).toEqual([
      { productId: B, quantity: 4 },
      { productId: A, quantity: 2 },
    ]);
  });
});

describe('priceOrder', () => {
  it('prices every line from the replica and sums the total in the shared currency', () => {
    expect(
      priceOrder(
        [
          { productId: A, quantity: 2 },
          { productId: B, quantity: 3 },
        ],
        prices,
      ),
    ).toEqual({
      items: [
        { productId: A, quantity: 2, unitPrice: 1250 },
        { productId: B, quantity: 3, unitPrice: 99 },
      ],
      total: 2797,
      currency: 'EUR',
    });
  });

  it('names every unknown product', () => {
    const unknown = 'dddddddddddddddddddddddd';
    const price = () =>
      priceOrder(
        [
          { productId: unknown, quantity: 1 },
          { productId: A, quantity: 1 },
        ],
        prices,
      );
    expect(price).toThrow(UnknownProductError);
    expect(price).toThrow(unknown);
  });

  it('refuses products priced in different currencies', () => {
    const price = () =>
      priceOrder(
        [
          { productId: A, quantity: 1 },
          { productId: C, quantity: 1 },
        ],
        prices,
      );
    expect(price).toThrow(InvalidOrderError);
    expect(price).toThrow(/one currency.*EUR, USD/);
  });

  it('refuses a total beyond the largest exact amount', () => {
    const huge = new Map([[A, { price: Number.MAX_SAFE_INTEGER, currency: 'EUR' }]]);
    expect(() => priceOrder([{ productId: A, quantity: 2 }], huge)).toThrow(
      /larger than the largest amount/,
    );
  });
});

describe('requestFingerprint', () => {
  it('is the same for the same products and quantities in any order or split', () => {
    expect(
      requestFingerprint(
        [
          { productId: A, quantity: 1 },
          { productId: B, quantity: 2 },
          { productId: A, quantity: 1 },
        ],
        'tok_visa',
      ),
    ).toBe(
      requestFingerprint(
        [
          { productId: B, quantity: 2 },
          { productId: A, quantity: 2 },
        ],
        'tok_visa',
      ),
    );
  });

  it('differs when a quantity, a product or the payment token differs', () => {
    const base = requestFingerprint([{ productId: A, quantity: 1 }], 'tok_visa');
    expect(requestFingerprint([{ productId: A, quantity: 2 }], 'tok_visa')).not.toBe(base);
    expect(requestFingerprint([{ productId: B, quantity: 1 }], 'tok_visa')).not.toBe(base);
    expect(requestFingerprint([{ productId: A, quantity: 1 }], 'tok_chargeDeclined')).not.toBe(
      base,
    );
  });
});
