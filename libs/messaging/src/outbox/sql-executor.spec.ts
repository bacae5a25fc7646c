import { affectedRowsOf, insertIdOf, rowsOf } from './sql-executor';

describe('SQL results', () => {
  it('reads rows from TypeORM arrays, PostgreSQL [rows, count] pairs and bare pg results', () => {
    expect(rowsOf([{ a: 1 }])).toEqual([{ a: 1 }]);
    expect(rowsOf([[{ a: 1 }], 1])).toEqual([{ a: 1 }]);
    expect(rowsOf({ rows: [{ a: 1 }], rowCount: 1 })).toEqual([{ a: 1 }]);
    expect(() => rowsOf({ affectedRows: 1 })).toThrow('no rows');
  });

  it('reads affected rows from MySQL result headers, pg results and [rows, count] pairs', () => {
    expect(affectedRowsOf({ affectedRows: 0, insertId: 0 })).toBe(0);
    expect(affectedRowsOf({ rows: [], rowCount: 3 })).toBe(3);
    expect(affectedRowsOf([[], 2])).toBe(2);
    expect(() => affectedRowsOf([{ a: 1 }])).toThrow('no affected row count');
  });

  it('reads the first generated id from a MySQL result header, and nothing else', () => {
    expect(insertIdOf({ affectedRows: 2, insertId: 41 })).toBe(41);
    expect(() => insertIdOf({ rows: [], rowCount: 1 })).toThrow('no insert id');
  });
});
