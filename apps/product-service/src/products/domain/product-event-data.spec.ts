import { EVENTS, createEnvelope, parseEnvelope } from '@polyshop/contracts';
import type { Product } from './product';
import { productCreatedData, productPriceChangedData } from './product-event-data';

const product: Product = {
  id: '65f1c0ffee00000000000001',
  sku: 'MUG-1',
  name: 'Blue mug',
  description: 'Ceramic',
  price: 1250,
  currency: 'EUR',
  version: 0,
  createdAt: new Date('2025-03-01T10:00:00.000Z'),
  updatedAt: new Date('2025-03-01T10:00:00.000Z'),
};

const envelopeOf = <S extends keyof typeof EVENTS>(subject: S, data: object) =>
  JSON.stringify(
    createEnvelope(subject, data as never, { correlationId: 'request-1', causationId: null }),
  );

describe('product event data', () => {
  it('announces a new product with its price and the stock inventory opens with', () => {
    const data = productCreatedData(product, 40);

    expect(data).toEqual({
      productId: product.id,
      sku: 'MUG-1',
      name: 'Blue mug',
      price: 1250,
      currency: 'EUR',
      initialStock: 40,
    });
    expect(
      parseEnvelope('product.created.v1', envelopeOf('product.created.v1', data)),
    ).toMatchObject({ ok: true });
  });

  it('announces a price change with the price it replaced, and nothing of the description', () => {
    const data = productPriceChangedData({ ...product, price: 1500, version: 1 }, 1250);

    expect(data).toEqual({
      productId: product.id,
      price: 1500,
      previousPrice: 1250,
      currency: 'EUR',
    });
    expect(
      parseEnvelope('product.price-changed.v1', envelopeOf('product.price-changed.v1', data)),
    ).toMatchObject({ ok: true });
  });
});
