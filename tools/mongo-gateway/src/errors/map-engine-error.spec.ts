import { DatabaseError } from 'pg';
import { mapEngineError } from './map-engine-error';
import { MongoCommandError } from './mongo-error';

function pgError(code: string, message: string, constraint?: string): DatabaseError {
  const error = new DatabaseError(message, message.length, 'error');
  error.code = code;
  error.constraint = constraint;
  return error;
}

describe('mapEngineError', () => {
  it("turns DocumentDB's DuplicateKey SQLSTATE into 11000 with MongoDB's E11000 message", () => {
    const error = mapEngineError(
      pgError('M001C', "Duplicate key violation on the requested collection: Index 'sku_1'"),
      { ns: 'shop.products' },
    );
    expect(error.toReply()).toEqual({
      ok: 0,
      code: 11000,
      codeName: 'DuplicateKey',
      errmsg: 'E11000 duplicate key error collection: shop.products index: sku_1',
    });
  });

  it('turns a raw PostgreSQL unique violation into 11000 naming the resolved index', () => {
    const error = mapEngineError(
      pgError('23P01', 'conflicting key value', 'documents_rum_index_31'),
      {
        ns: 'shop.products',
        indexName: 'sku_1',
      },
    );
    expect(error.code).toBe(11000);
    expect(error.message).toBe('E11000 duplicate key error collection: shop.products index: sku_1');
  });

  it.each([
    ['M0008', 26, 'NamespaceNotFound'],
    ['M000U', 115, 'CommandNotSupported'],
    ['M007U', 40324, 'Location40324'],
    ['M9999', 2, 'BadValue'],
    ['40001', 112, 'WriteConflict'],
    ['57014', 50, 'MaxTimeMSExpired'],
    ['57P01', 6, 'HostUnreachable'],
    ['42883', 1, 'InternalError'],
  ])('maps SQLSTATE %s to code %i (%s) and keeps the message', (state, code, codeName) => {
    const error = mapEngineError(pgError(state, 'engine said no'));
    expect(error).toMatchObject({ code, codeName, message: 'engine said no' });
  });

  it('reports a collection created after a transaction snapshot as a retryable SnapshotUnavailable', () => {
    const race = pgError('M0000', 'Unable to create the specified collection');
    expect(mapEngineError(race, { inTransaction: true })).toMatchObject({
      code: 246,
      codeName: 'SnapshotUnavailable',
    });
    expect(mapEngineError(race)).toMatchObject({ code: 1, codeName: 'InternalError' });
  });

  it('reports a lost DocumentDB connection as HostUnreachable, which drivers retry', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:15434'), {
      code: 'ECONNREFUSED',
    });
    expect(mapEngineError(refused)).toMatchObject({ code: 6, codeName: 'HostUnreachable' });
  });

  it('passes MongoDB errors through and reports anything else as InternalError', () => {
    const own = MongoCommandError.of('CursorNotFound', 'gone');
    expect(mapEngineError(own)).toBe(own);
    expect(mapEngineError(new Error('bug'))).toMatchObject({ code: 1, codeName: 'InternalError' });
  });
});
