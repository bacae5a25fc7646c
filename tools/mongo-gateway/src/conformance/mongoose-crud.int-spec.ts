import { Schema, type Connection, type Model } from 'mongoose';
import type { RunningGateway } from '../server/gateway';
import {
  connectMongoose,
  dbOf,
  startTestGateway,
  uniqueDatabaseName,
} from '../testing/gateway-harness';

interface Product {
  sku: string;
  name: string;
  price: number;
  stock: number;
  tags?: string[];
}

const productSchema = new Schema<Product>({
  sku: { type: String, required: true, unique: true },
  name: { type: String, required: true },
  price: { type: Number, required: true },
  stock: { type: Number, required: true },
  tags: [String],
});

describe('mongo-gateway with Mongoose: CRUD and writes', () => {
  let gateway: RunningGateway;
  let connection: Connection;
  let Products: Model<Product>;

  beforeAll(async () => {
    gateway = await startTestGateway();
    connection = await connectMongoose(gateway, uniqueDatabaseName('crud'));
    Products = connection.model('Product', productSchema);
    await Products.init();
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
    await gateway.close();
  });

  it('presents itself as a replica-set primary that supports sessions and transactions', async () => {
    const hello = await dbOf(connection).admin().command({ hello: 1 });
    expect(hello).toMatchObject({
      isWritablePrimary: true,
      setName: 'rs0',
      logicalSessionTimeoutMinutes: 30,
    });
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(17);
    expect(hello.hosts).toEqual([`127.0.0.1:${gateway.port}`]);
  });

  it('creates, reads, updates and deletes a document', async () => {
    const created = await Products.create({ sku: 'crud-1', name: 'Kettle', price: 2999, stock: 5 });

    const found = await Products.findById(created._id).lean();
    expect(found).toMatchObject({ sku: 'crud-1', name: 'Kettle', price: 2999, stock: 5 });

    const updated = await Products.updateOne(
      { _id: created._id },
      { $set: { price: 2499 }, $push: { tags: 'sale' } },
    );
    expect(updated).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect(await Products.findById(created._id).lean()).toMatchObject({
      price: 2499,
      tags: ['sale'],
    });

    const deleted = await Products.deleteOne({ _id: created._id });
    expect(deleted.deletedCount).toBe(1);
    expect(await Products.findById(created._id)).toBeNull();
  });

  it('rejects a duplicate on a unique index with E11000 / code 11000', async () => {
    await Products.create({ sku: 'dup-1', name: 'Original', price: 100, stock: 1 });

    const duplicate = Products.create({ sku: 'dup-1', name: 'Copy', price: 100, stock: 1 });

    await expect(duplicate).rejects.toMatchObject({ code: 11000 });
    await expect(duplicate).rejects.toThrow(
      /^E11000 duplicate key error collection: .*\.products index: sku_1/,
    );
    expect(await Products.countDocuments({ sku: 'dup-1' })).toBe(1);
  });

  it('lets exactly 10 of 40 concurrent conditional decrements through on a stock of 10', async () => {
    const product = await Products.create({
      sku: 'race-1',
      name: 'Limited',
      price: 500,
      stock: 10,
    });

    const results = await Promise.all(
      Array.from({ length: 40 }, () =>
        Products.updateOne({ _id: product._id, stock: { $gte: 1 } }, { $inc: { stock: -1 } }),
      ),
    );

    expect(results.reduce((sum, result) => sum + result.modifiedCount, 0)).toBe(10);
    expect((await Products.findById(product._id).lean())?.stock).toBe(0);
  });

  it('upserts: inserts when nothing matches, updates when something does', async () => {
    const first = await Products.updateOne(
      { sku: 'upsert-1' },
      { $set: { name: 'Upserted', price: 10 }, $setOnInsert: { stock: 3 } },
      { upsert: true },
    );
    expect(first).toMatchObject({ upsertedCount: 1, matchedCount: 0 });
    expect(first.upsertedId).toBeTruthy();

    const second = await Products.findOneAndUpdate(
      { sku: 'upsert-1' },
      { $inc: { stock: 2 } },
      { upsert: true, new: true },
    ).lean();
    expect(second).toMatchObject({ sku: 'upsert-1', stock: 5 });
    expect(await Products.countDocuments({ sku: 'upsert-1' })).toBe(1);
  });

  it('returns the document before or after findOneAndUpdate and findOneAndDelete', async () => {
    await Products.create({ sku: 'fam-1', name: 'Lamp', price: 40, stock: 2 });

    const before = await Products.findOneAndUpdate({ sku: 'fam-1' }, { $inc: { stock: 1 } }).lean();
    const removed = await Products.findOneAndDelete({ sku: 'fam-1' }).lean();

    expect(before?.stock).toBe(2);
    expect(removed?.stock).toBe(3);
    expect(await Products.findOne({ sku: 'fam-1' })).toBeNull();
  });

  it('applies a mixed bulkWrite and reports every count', async () => {
    await Products.create({ sku: 'bulk-update', name: 'U', price: 1, stock: 1 });
    await Products.create({ sku: 'bulk-delete', name: 'D', price: 1, stock: 1 });

    const result = await Products.bulkWrite([
      { insertOne: { document: { sku: 'bulk-insert', name: 'I', price: 1, stock: 1 } } },
      { updateOne: { filter: { sku: 'bulk-update' }, update: { $set: { stock: 9 } } } },
      {
        updateOne: {
          filter: { sku: 'bulk-upsert' },
          update: { $set: { name: 'S', price: 1, stock: 1 } },
          upsert: true,
        },
      },
      { deleteOne: { filter: { sku: 'bulk-delete' } } },
    ]);

    expect(result).toMatchObject({
      insertedCount: 1,
      modifiedCount: 1,
      upsertedCount: 1,
      deletedCount: 1,
    });
    const skus = (
      await Products.find({ sku: /^bulk-/ })
        .sort({ sku: 1 })
        .lean()
    ).map((p) => p.sku);
    expect(skus).toEqual(['bulk-insert', 'bulk-update', 'bulk-upsert']);
  });

  it('reports per-document failures of an unordered insertMany and keeps the rest', async () => {
    const attempt = Products.insertMany(
      [
        { sku: 'many-1', name: 'A', price: 1, stock: 1 },
        { sku: 'many-1', name: 'B', price: 1, stock: 1 },
        { sku: 'many-2', name: 'C', price: 1, stock: 1 },
      ],
      { ordered: false },
    );

    await expect(attempt).rejects.toMatchObject({ code: 11000 });
    expect(await Products.countDocuments({ sku: /^many-/ })).toBe(2);
  });

  it('matches regular expressions, as literals and as $regex with options', async () => {
    await Products.insertMany([
      { sku: 're-1', name: 'Apple juice', price: 1, stock: 1 },
      { sku: 're-2', name: 'apple pie', price: 1, stock: 1 },
      { sku: 're-3', name: 'Pear', price: 1, stock: 1 },
    ]);

    const caseInsensitive = await Products.find({ sku: /^re-/, name: /^apple/i })
      .sort({ sku: 1 })
      .lean();
    const suffix = await Products.find({
      sku: /^re-/,
      name: { $regex: 'PIE$', $options: 'i' },
    }).lean();

    expect(caseInsensitive.map((p) => p.sku)).toEqual(['re-1', 're-2']);
    expect(suffix.map((p) => p.sku)).toEqual(['re-2']);
  });

  it('counts and lists distinct values', async () => {
    await Products.insertMany([
      { sku: 'cnt-1', name: 'X', price: 1, stock: 0, tags: ['red', 'blue'] },
      { sku: 'cnt-2', name: 'Y', price: 1, stock: 0, tags: ['red'] },
    ]);

    expect(await Products.countDocuments({ sku: /^cnt-/ })).toBe(2);
    // An estimate from DocumentDB's table statistics, which lag behind inserts: the command must
    // answer a count, not this instant's exact one.
    expect(Number.isInteger(await Products.estimatedDocumentCount())).toBe(true);
    expect((await Products.distinct('tags', { sku: /^cnt-/ })).sort()).toEqual(['blue', 'red']);
  });
});
