import { catalogQuery } from './catalog-query';

describe('catalogQuery', () => {
  it.each([
    ['no search text', undefined],
    ['a blank search text', '   '],
  ])('lists every product newest first for %s', (_, q) => {
    expect(catalogQuery(q)).toEqual({ filter: {}, sort: { createdAt: -1, _id: -1 } });
  });

  it('searches name and description by text, or the exact SKU, best matches first', () => {
    expect(catalogQuery('  blue mug ')).toEqual({
      filter: { $or: [{ $text: { $search: 'blue mug' } }, { sku: 'blue mug' }] },
      sort: { score: { $meta: 'textScore' }, createdAt: -1, _id: -1 },
    });
  });
});
