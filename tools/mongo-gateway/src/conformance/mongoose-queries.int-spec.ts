import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { waitFor } from '@polyshop/testing';
import type { RunningGateway } from '../server/gateway';
import {
  connectMongoose,
  dbOf,
  startTestGateway,
  uniqueDatabaseName,
} from '../testing/gateway-harness';

interface Customer {
  name: string;
  city: string;
}
interface Order {
  customerId: Types.ObjectId;
  total: number;
  status: string;
}
interface Article {
  title: string;
  body: string;
}
interface Item {
  n: number;
}

describe('mongo-gateway with Mongoose: queries, cursors, indexes and collections', () => {
  let gateway: RunningGateway;
  let connection: Connection;
  let Customers: Model<Customer>;
  let Orders: Model<Order>;
  let Articles: Model<Article>;
  let Items: Model<Item>;
  const startedCommands: string[] = [];

  beforeAll(async () => {
    gateway = await startTestGateway();
    connection = await connectMongoose(gateway, uniqueDatabaseName('query'));
    connection.getClient().on('commandStarted', (event) => startedCommands.push(event.commandName));
    Customers = connection.model('Customer', new Schema<Customer>({ name: String, city: String }));
    Orders = connection.model(
      'Order',
      new Schema<Order>({ customerId: Schema.Types.ObjectId, total: Number, status: String }),
    );
    const articleSchema = new Schema<Article>({ title: String, body: String });
    articleSchema.index({ title: 'text', body: 'text' });
    Articles = connection.model('Article', articleSchema);
    Items = connection.model('Item', new Schema<Item>({ n: Number }));
    await Promise.all([Customers.init(), Orders.init(), Articles.init(), Items.init()]);
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
    await gateway.close();
  });

  it('aggregates with $match, $group, $sort and $lookup', async () => {
    const [ada, bob] = await Customers.insertMany([
      { name: 'Ada', city: 'Paris' },
      { name: 'Bob', city: 'Oslo' },
    ]);
    await Orders.insertMany([
      { customerId: ada._id, total: 100, status: 'paid' },
      { customerId: ada._id, total: 50, status: 'paid' },
      { customerId: bob._id, total: 70, status: 'paid' },
      { customerId: bob._id, total: 999, status: 'cancelled' },
    ]);

    const totals = await Orders.aggregate<{
      _id: Types.ObjectId;
      spent: number;
      orders: number;
      customer: Customer[];
    }>([
      { $match: { status: 'paid' } },
      { $group: { _id: '$customerId', spent: { $sum: '$total' }, orders: { $sum: 1 } } },
      { $sort: { spent: -1 } },
      { $lookup: { from: 'customers', localField: '_id', foreignField: '_id', as: 'customer' } },
    ]);

    expect(totals.map((t) => [t.customer[0]?.name, t.spent, t.orders])).toEqual([
      ['Ada', 150, 2],
      ['Bob', 70, 1],
    ]);
  });

  it('finds documents by $text search on a text index, best match first', async () => {
    await Articles.insertMany([
      { title: 'Gateway design', body: 'A gateway translates the wire protocol' },
      { title: 'Cooking', body: 'Pasta with tomatoes' },
      { title: 'Networks', body: 'Every gateway forwards packets' },
    ]);

    // DocumentDB reads a projection of only { $meta } as an inclusion, so the fields are named.
    const found = await Articles.find(
      { $text: { $search: 'gateway' } },
      { title: 1, score: { $meta: 'textScore' } },
    )
      .sort({ score: { $meta: 'textScore' } })
      .lean();

    expect(found.map((a) => a.title)).toEqual(['Gateway design', 'Networks']);
  });

  it('streams 250 documents through a cursor in batches of 50 using getMore', async () => {
    await Items.insertMany(Array.from({ length: 250 }, (_, n) => ({ n })));
    const getMoresBefore = startedCommands.filter((name) => name === 'getMore').length;

    const seen: number[] = [];
    for await (const item of Items.find().batchSize(50).cursor()) seen.push(item.n);

    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);
    expect(
      startedCommands.filter((name) => name === 'getMore').length - getMoresBefore,
    ).toBeGreaterThanOrEqual(4);
    expect(gateway.stats().openCursors).toBe(0);
  });

  it('keeps the order of a sorted cursor across batches', async () => {
    const seen: number[] = [];
    for await (const item of Items.find({ n: { $gte: 100 } })
      .sort({ n: -1 })
      .batchSize(40)
      .cursor())
      seen.push(item.n);

    expect(seen).toEqual(Array.from({ length: 150 }, (_, i) => 249 - i));
    expect(gateway.stats().openCursors).toBe(0);
  });

  it('frees a cursor the client closes early', async () => {
    const cursor = Items.find().sort({ n: 1 }).batchSize(10).cursor();
    const first = await cursor.next();
    expect(first?.n).toBe(0);
    expect(gateway.stats().openCursors).toBe(1);

    await cursor.close();

    await waitFor(
      () => Promise.resolve(gateway.stats().openCursors),
      (open) => open === 0,
    );
  });

  it('answers an unknown command with CommandNotFound (59) and keeps serving the connection', async () => {
    const db = dbOf(connection);

    await expect(db.command({ frobnicate: 1 })).rejects.toMatchObject({
      code: 59,
      codeName: 'CommandNotFound',
    });

    expect(await db.command({ ping: 1 })).toMatchObject({ ok: 1 });
    expect(await Items.countDocuments({ n: { $lt: 10 } })).toBe(10);
  });

  it('answers an unsupported option with CommandNotSupported (115)', async () => {
    await expect(
      dbOf(connection).createCollection('capped_log', { capped: true, size: 4096 }),
    ).rejects.toMatchObject({
      code: 115,
    });
  });

  it('creates, lists and drops indexes', async () => {
    await Items.collection.createIndex({ n: -1 }, { name: 'n_desc' });
    const withIndex = (await Items.listIndexes()).map((index: { name: string }) => index.name);

    await Items.collection.dropIndex('n_desc');
    const withoutIndex = (await Items.listIndexes()).map((index: { name: string }) => index.name);

    expect(withIndex).toEqual(expect.arrayContaining(['_id_', 'n_desc']));
    expect(withoutIndex).not.toContain('n_desc');
  });

  it('builds a unique index on a collection that already holds data before answering', async () => {
    await Items.collection.createIndex({ n: 1 }, { unique: true, name: 'n_unique' });

    await expect(Items.create({ n: 5 })).rejects.toMatchObject({ code: 11000 });
    await Items.collection.dropIndex('n_unique');
  });

  it('refuses a unique index over data that already has duplicates', async () => {
    await Items.create({ n: 0 });

    await expect(
      Items.collection.createIndex({ n: 1 }, { unique: true, name: 'n_dupes' }),
    ).rejects.toMatchObject({
      code: 11000,
    });
    expect((await Items.listIndexes()).map((index: { name: string }) => index.name)).not.toContain(
      'n_dupes',
    );
  });

  it('creates, lists, renames and drops collections', async () => {
    const db = dbOf(connection);
    await db.createCollection('scratch');
    await db.collection('scratch').insertOne({ a: 1 });

    await db.renameCollection('scratch', 'scratch_renamed');
    const afterRename = (await db.listCollections({}, { nameOnly: true }).toArray()).map(
      (c) => c.name,
    );
    const dropped = await db.dropCollection('scratch_renamed');
    const afterDrop = (await db.listCollections({}, { nameOnly: true }).toArray()).map(
      (c) => c.name,
    );

    expect(afterRename).toEqual(expect.arrayContaining(['scratch_renamed', 'items', 'orders']));
    expect(afterRename).not.toContain('scratch');
    expect(dropped).toBe(true);
    expect(afterDrop).not.toContain('scratch_renamed');
  });

  it('drops a whole database', async () => {
    const other = connection.useDb(`${connection.name}_other`);
    await dbOf(other).collection('things').insertOne({ a: 1 });
    const before = await dbOf(connection).admin().listDatabases({ nameOnly: true });

    await other.dropDatabase();
    const after = await dbOf(connection).admin().listDatabases({ nameOnly: true });

    expect(before.databases.map((d) => d.name)).toContain(other.name);
    expect(after.databases.map((d) => d.name)).not.toContain(other.name);
  });
});
