import { affectedRows, isDuplicateKeyError } from './sql-results';

describe('SQL results', () => {
  it('reads the affected row count of a MySQL OK packet', () => {
    expect(affectedRows({ affectedRows: 2, insertId: 0 })).toBe(2);
    expect(() => affectedRows([])).toThrow(/no affectedRows/);
  });

  it('recognises a duplicate key error bare or wrapped by TypeORM', () => {
    expect(isDuplicateKeyError({ code: 'ER_DUP_ENTRY' })).toBe(true);
    expect(isDuplicateKeyError({ driverError: { code: 'ER_DUP_ENTRY' } })).toBe(true);
    expect(isDuplicateKeyError({ driverError: { code: 'ER_LOCK_DEADLOCK' } })).toBe(false);
    expect(isDuplicateKeyError(new Error('boom'))).toBe(false);
  });
});
