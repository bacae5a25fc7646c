import { assertInboxKey } from './inbox';
import { MongoInbox, type MongoInboxCollection } from './mongo-inbox';
import { redisInboxKey } from './redis-inbox.lua';
import { SqlInbox } from './sql-inbox';

describe('inbox keys', () => {
  it('refuses consumer names and event ids a table column would truncate', () => {
    expect(() => assertInboxKey('c'.repeat(129), 'e')).toThrow('consumer name');
    expect(() => assertInboxKey('c', '')).toThrow('event id');
    expect(() => assertInboxKey('c'.repeat(128), 'e'.repeat(64))).not.toThrow();
  });

  it('names a Redis inbox record after the service prefix, the consumer and the event', () => {
    expect(redisInboxKey('inventory:', 'inventory-order-placed-v1', 'e-1')).toBe(
      'inventory:inbox:inventory-order-placed-v1:e-1',
    );
  });
});

describe('SqlInbox', () => {
  const database = { query: jest.fn() };

  it('tells a first delivery from a duplicate by the affected row count on MySQL', async () => {
    const inbox = new SqlInbox({ dialect: 'mysql', database });
    const tx = { query: jest.fn() };
    tx.query.mockResolvedValueOnce({ affectedRows: 1 }).mockResolvedValueOnce({ affectedRows: 0 });

    expect(await inbox.record(tx, 'c', 'e-1')).toBe('recorded');
    expect(await inbox.record(tx, 'c', 'e-1')).toBe('duplicate');
    expect(database.query).not.toHaveBeenCalled();
  });

  it('tells a first delivery from a duplicate by the returned row on PostgreSQL', async () => {
    const inbox = new SqlInbox({ dialect: 'postgres', database });
    const tx = { query: jest.fn() };
    tx.query.mockResolvedValueOnce([{ event_id: 'e-1' }]).mockResolvedValueOnce([]);

    expect(await inbox.record(tx, 'c', 'e-1')).toBe('recorded');
    expect(await inbox.record(tx, 'c', 'e-1')).toBe('duplicate');
  });

  it('purges in chunks until a chunk comes back short', async () => {
    const inbox = new SqlInbox({ dialect: 'mysql', database });
    database.query
      .mockResolvedValueOnce({ affectedRows: 5_000 })
      .mockResolvedValueOnce({ affectedRows: 12 });

    expect(await inbox.purge(1_000)).toBe(5_012);
    expect(database.query).toHaveBeenCalledTimes(2);
  });
});

describe('MongoInbox', () => {
  const collection = {
    updateOne: jest.fn<ReturnType<MongoInboxCollection['updateOne']>, unknown[]>(),
    deleteMany: jest.fn<ReturnType<MongoInboxCollection['deleteMany']>, unknown[]>(),
  };
  const inbox = new MongoInbox(collection);
  const session = {};

  it('upserts the record in the session, so a duplicate never fails the transaction', async () => {
    collection.updateOne.mockResolvedValueOnce({ upsertedCount: 1 });
    collection.updateOne.mockResolvedValueOnce({ upsertedCount: 0 });

    expect(await inbox.record('c', 'e-1', session)).toBe('recorded');
    expect(await inbox.record('c', 'e-1', session)).toBe('duplicate');
    expect(collection.updateOne).toHaveBeenCalledWith(
      { _id: 'c/e-1' },
      { $setOnInsert: { processedAt: expect.any(Date) as Date } },
      { upsert: true, session },
    );
  });

  it('reads a duplicate key error of a concurrent first delivery as a duplicate', async () => {
    collection.updateOne.mockRejectedValueOnce(Object.assign(new Error('E11000'), { code: 11000 }));

    expect(await inbox.record('c', 'e-1', session)).toBe('duplicate');
  });

  it('lets any other error through', async () => {
    collection.updateOne.mockRejectedValueOnce(Object.assign(new Error('down'), { code: 6 }));

    await expect(inbox.record('c', 'e-1', session)).rejects.toThrow('down');
  });
});
