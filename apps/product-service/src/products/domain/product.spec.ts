import { newProduct, planProductUpdate, type Product } from './product';

const CREATED = new Date('2025-03-01T10:00:00.000Z');
const LATER = new Date('2025-03-02T08:30:00.000Z');

const mug = (overrides: Partial<Product> = {}): Product => ({
  id: '65f1c0ffee00000000000001',
  sku: 'MUG-1',
  name: 'Blue mug',
  description: 'Ceramic, 300 ml',
  price: 1250,
  currency: 'EUR',
  version: 3,
  createdAt: CREATED,
  updatedAt: CREATED,
  ...overrides,
});

describe('newProduct', () => {
  it('enters the catalog at version 0, created and updated now', () => {
    const product = newProduct(
      '65f1c0ffee00000000000002',
      { sku: 'CAP-9', name: 'Cap', description: 'Cotton', price: 900, currency: 'USD' },
      CREATED,
    );

    expect(product).toEqual({
      id: '65f1c0ffee00000000000002',
      sku: 'CAP-9',
      name: 'Cap',
      description: 'Cotton',
      price: 900,
      currency: 'USD',
      version: 0,
      createdAt: CREATED,
      updatedAt: CREATED,
    });
  });

  it.each([
    ['absent', undefined],
    ['empty', ''],
  ])('has no description (null) when the given one is %s', (_, description) => {
    const product = newProduct(
      '65f1c0ffee00000000000003',
      { sku: 'CAP-9', name: 'Cap', description, price: 900, currency: 'USD' },
      CREATED,
    );

    expect(product.description).toBeNull();
  });
});

describe('planProductUpdate', () => {
  it('changes the price one version later and remembers the price it replaces', () => {
    const plan = planProductUpdate(mug(), { price: 1500 }, LATER);

    expect(plan).toEqual({
      kind: 'changed',
      updated: mug({ price: 1500, version: 4, updatedAt: LATER }),
      previousPrice: 1250,
    });
  });

  it('changes name and description without a price change to announce', () => {
    const plan = planProductUpdate(mug(), { name: 'Big blue mug', description: '450 ml' }, LATER);

    expect(plan).toEqual({
      kind: 'changed',
      updated: mug({ name: 'Big blue mug', description: '450 ml', version: 4, updatedAt: LATER }),
      previousPrice: null,
    });
  });

  it('clears the description when given an empty one', () => {
    const plan = planProductUpdate(mug(), { description: '' }, LATER);

    expect(plan).toMatchObject({ kind: 'changed', updated: { description: null } });
  });

  it.each([
    ['no field', {}],
    ['the current price', { price: 1250 }],
    ['the current name and description', { name: 'Blue mug', description: 'Ceramic, 300 ml' }],
  ])('changes nothing when given %s', (_, changes) => {
    expect(planProductUpdate(mug(), changes, LATER)).toEqual({ kind: 'unchanged' });
  });

  it('treats an empty description as no change when the product has none', () => {
    expect(planProductUpdate(mug({ description: null }), { description: '' }, LATER)).toEqual({
      kind: 'unchanged',
    });
  });

  it('announces a price change even when the name changes with it', () => {
    const plan = planProductUpdate(mug(), { price: 990, name: 'Mug (sale)' }, LATER);

    expect(plan).toMatchObject({
      kind: 'changed',
      updated: { price: 990, name: 'Mug (sale)', version: 4 },
      previousPrice: 1250,
    });
  });
});
