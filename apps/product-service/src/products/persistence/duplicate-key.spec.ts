import { isDuplicateKeyOn } from './duplicate-key';

const INDEX = 'products_sku_unique';

describe('isDuplicateKeyOn', () => {
  it('recognises MongoDB reporting the key pattern', () => {
    const error = { code: 11000, message: 'E11000 dup key', keyPattern: { sku: 1 } };

    expect(isDuplicateKeyOn(error, INDEX, 'sku')).toBe(true);
  });

  it('recognises the gateway naming only the index in its message', () => {
    const error = {
      code: 11000,
      message: `E11000 duplicate key error collection: products.products index: ${INDEX}`,
    };

    expect(isDuplicateKeyOn(error, INDEX, 'sku')).toBe(true);
  });

  it('recognises a duplicate reported in the write errors of a bulk write', () => {
    const error = {
      code: 65,
      message: 'bulk write failed',
      writeErrors: [{ code: 11000, errmsg: `E11000 ... index: ${INDEX} dup key: { sku: "A" }` }],
    };

    expect(isDuplicateKeyOn(error, INDEX, 'sku')).toBe(true);
  });

  it.each([
    ['a duplicate on another index', { code: 11000, message: 'E11000 ... index: _id_' }],
    ['an index whose name only starts alike', { code: 11000, message: `index: ${INDEX}_old` }],
    ['another server error', { code: 112, message: `WriteConflict on ${INDEX}` }],
    ['something that is not an error', 'E11000'],
  ])('does not take %s for a taken SKU', (_, error) => {
    expect(isDuplicateKeyOn(error, INDEX, 'sku')).toBe(false);
  });
});
