import { unpackSqlState } from './documentdb-error-codes';
import { resolveResultCode, translateWriteResult } from './write-errors';

// DocumentDB's write results carry SQLSTATEs packed as PostgreSQL does: five 6-bit characters.
const DUPLICATE_KEY_PACKED = 319029277; // M001C
const VALIDATION_PACKED = 525074461; // M00CO

describe('write error translation', () => {
  it('unpacks the SQLSTATE of a DocumentDB write error code', () => {
    expect(unpackSqlState(DUPLICATE_KEY_PACKED)).toBe('M001C');
    expect(unpackSqlState(VALIDATION_PACKED)).toBe('M00CO');
  });

  it('rewrites writeErrors with MongoDB codes and the E11000 message', () => {
    const translated = translateWriteResult(
      {
        n: 1,
        ok: 1,
        writeErrors: [
          {
            index: 1,
            code: DUPLICATE_KEY_PACKED,
            errmsg: "Duplicate key violation on the requested collection: Index 'sku_1'",
          },
          { index: 2, code: VALIDATION_PACKED, errmsg: 'Document failed validation' },
        ],
      },
      'shop.products',
    );
    expect(translated).toEqual({
      n: 1,
      ok: 1,
      writeErrors: [
        {
          index: 1,
          code: 11000,
          errmsg: 'E11000 duplicate key error collection: shop.products index: sku_1',
        },
        { index: 2, code: 121, errmsg: 'Document failed validation' },
      ],
    });
  });

  it('keeps a result without writeErrors as it is', () => {
    const result = { n: 2, ok: 1 };
    expect(translateWriteResult(result, 'shop.products')).toBe(result);
  });

  it('keeps a code that is already a MongoDB code', () => {
    expect(resolveResultCode(11000)).toEqual({ code: 11000, codeName: 'Location11000' });
  });
});
