import { toProductView } from './product-view.dto';

describe('toProductView', () => {
  it('shows the product with ISO dates and without its internal version', () => {
    const view = toProductView({
      id: '65f1c0ffee00000000000001',
      sku: 'MUG-1',
      name: 'Blue mug',
      description: null,
      price: 1250,
      currency: 'EUR',
      version: 7,
      createdAt: new Date('2025-03-01T10:00:00.000Z'),
      updatedAt: new Date('2025-03-02T08:30:00.500Z'),
    });

    expect(view).toEqual({
      id: '65f1c0ffee00000000000001',
      sku: 'MUG-1',
      name: 'Blue mug',
      description: null,
      price: 1250,
      currency: 'EUR',
      createdAt: '2025-03-01T10:00:00.000Z',
      updatedAt: '2025-03-02T08:30:00.500Z',
    });
  });
});
