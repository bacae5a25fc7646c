import { mongo, Schema, type Connection, type Model } from 'mongoose';
import { waitFor } from '@polyshop/testing';
import type { RunningGateway } from '../server/gateway';
import {
  connectMongoose,
  dbOf,
  startTestGateway,
  uniqueDatabaseName,
} from '../testing/gateway-harness';

interface Account {
  name: string;
  balance: number;
}

const accountSchema = new Schema<Account>({
  name: { type: String, required: true, unique: true },
  balance: { type: Number, required: true },
});

describe('mongo-gateway with Mongoose: sessions and transactions', () => {
  const database = uniqueDatabaseName('txn');
  let gateway: RunningGateway;
  let connection: Connection;
  let Accounts: Model<Account>;

  beforeAll(async () => {
    gateway = await startTestGateway();
    connection = await connectMongoose(gateway, database);
    Accounts = connection.model('Account', accountSchema);
    await Accounts.init();
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
    await gateway.close();
  });

  it('commits every write of session.withTransaction together', async () => {
    await Accounts.create([
      { name: 'alice', balance: 100 },
      { name: 'bob', balance: 0 },
    ]);
    const session = await connection.startSession();

    await session.withTransaction(async () => {
      await Accounts.updateOne({ name: 'alice' }, { $inc: { balance: -30 } }, { session });
      await Accounts.updateOne({ name: 'bob' }, { $inc: { balance: 30 } }, { session });
      await Accounts.create([{ name: 'audit-1', balance: 30 }], { session });
    });
    await session.endSession();

    const balances = await Accounts.find({ name: { $in: ['alice', 'bob', 'audit-1'] } })
      .sort({ name: 1 })
      .lean();
    expect(balances.map((a) => [a.name, a.balance])).toEqual([
      ['alice', 70],
      ['audit-1', 30],
      ['bob', 30],
    ]);
    expect(gateway.stats().openTransactions).toBe(0);
  });

  it('rolls every write back when the transaction callback throws', async () => {
    await Accounts.create({ name: 'carol', balance: 50 });
    const session = await connection.startSession();

    const attempt = session.withTransaction(async () => {
      await Accounts.updateOne({ name: 'carol' }, { $inc: { balance: -50 } }, { session });
      await Accounts.create([{ name: 'ghost', balance: 1 }], { session });
      throw new Error('payment refused');
    });

    await expect(attempt).rejects.toThrow('payment refused');
    await session.endSession();
    expect((await Accounts.findOne({ name: 'carol' }).lean())?.balance).toBe(50);
    expect(await Accounts.findOne({ name: 'ghost' })).toBeNull();
  });

  it('rolls back on an explicit abortTransaction', async () => {
    const session = await connection.startSession();
    session.startTransaction();
    await Accounts.create([{ name: 'aborted', balance: 1 }], { session });

    await session.abortTransaction();
    await session.endSession();

    expect(await Accounts.findOne({ name: 'aborted' })).toBeNull();
  });

  it('hides uncommitted writes from reads outside the transaction until commit', async () => {
    const session = await connection.startSession();
    session.startTransaction();
    await Accounts.create([{ name: 'pending', balance: 7 }], { session });

    const insideBeforeCommit = await Accounts.findOne({ name: 'pending' }).session(session).lean();
    const outsideBeforeCommit = await Accounts.findOne({ name: 'pending' }).lean();
    await session.commitTransaction();
    await session.endSession();
    const outsideAfterCommit = await Accounts.findOne({ name: 'pending' }).lean();

    expect(insideBeforeCommit?.balance).toBe(7);
    expect(outsideBeforeCommit).toBeNull();
    expect(outsideAfterCommit?.balance).toBe(7);
  });

  it('keeps reading the snapshot taken at the start of the transaction', async () => {
    await Accounts.create({ name: 'snapshot', balance: 1 });
    const session = await connection.startSession();
    session.startTransaction();
    const first = await Accounts.findOne({ name: 'snapshot' }).session(session).lean();

    await Accounts.updateOne({ name: 'snapshot' }, { $set: { balance: 2 } });
    const second = await Accounts.findOne({ name: 'snapshot' }).session(session).lean();
    await session.commitTransaction();
    await session.endSession();

    expect(first?.balance).toBe(1);
    expect(second?.balance).toBe(1);
    expect((await Accounts.findOne({ name: 'snapshot' }).lean())?.balance).toBe(2);
  });

  it('fails the second of two conflicting transactions with a transient WriteConflict', async () => {
    await Accounts.create({ name: 'contended', balance: 0 });
    const first = await connection.startSession();
    const second = await connection.startSession();
    first.startTransaction();
    second.startTransaction();
    await Accounts.findOne({ name: 'contended' }).session(second).lean();

    await Accounts.updateOne({ name: 'contended' }, { $inc: { balance: 1 } }, { session: first });
    const conflicting = Accounts.updateOne(
      { name: 'contended' },
      { $inc: { balance: 10 } },
      { session: second },
    );
    await first.commitTransaction();

    const error: unknown = await conflicting.then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(mongo.MongoServerError);
    expect(error).toMatchObject({ code: 112, codeName: 'WriteConflict' });
    expect((error as mongo.MongoServerError).hasErrorLabel('TransientTransactionError')).toBe(true);
    await second.abortTransaction();
    await Promise.all([first.endSession(), second.endSession()]);
    expect((await Accounts.findOne({ name: 'contended' }).lean())?.balance).toBe(1);
  });

  it('loses no update when concurrent withTransaction calls retry their conflicts', async () => {
    await Accounts.create({ name: 'counter', balance: 0 });

    await Promise.all(
      Array.from({ length: 5 }, async () => {
        const session = await connection.startSession();
        await session.withTransaction(async () => {
          const current = await Accounts.findOne({ name: 'counter' }).session(session).lean();
          await Accounts.updateOne(
            { name: 'counter' },
            { $set: { balance: (current?.balance ?? 0) + 1 } },
            { session },
          );
        });
        await session.endSession();
      }),
    );

    expect((await Accounts.findOne({ name: 'counter' }).lean())?.balance).toBe(5);
  });

  it('retries a transaction whose snapshot predates a collection created meanwhile', async () => {
    const db = dbOf(connection);
    const session = await connection.startSession();
    let attempts = 0;

    await session.withTransaction(async () => {
      attempts++;
      await Accounts.findOne({}).session(session).lean();
      if (attempts === 1) await db.createCollection('late_arrivals');
      await db.collection('late_arrivals').insertOne({ attempt: attempts }, { session });
    });
    await session.endSession();

    expect(attempts).toBe(2);
    expect(
      await db
        .collection('late_arrivals')
        .find({}, { projection: { _id: 0 } })
        .toArray(),
    ).toEqual([{ attempt: 2 }]);
  });

  it('pages a sorted cursor inside a transaction, its own uncommitted writes included', async () => {
    const session = await connection.startSession();
    session.startTransaction();
    await Accounts.insertMany(
      Array.from({ length: 30 }, (_, i) => ({
        name: `paged-${String(i).padStart(2, '0')}`,
        balance: i,
      })),
      { session },
    );

    const names: string[] = [];
    const cursor = Accounts.find({ name: /^paged-/ })
      .sort({ balance: -1 })
      .batchSize(7)
      .session(session)
      .cursor();
    for await (const account of cursor) names.push(account.name);
    await session.commitTransaction();
    await session.endSession();

    expect(names).toEqual(
      Array.from({ length: 30 }, (_, i) => `paged-${String(29 - i).padStart(2, '0')}`),
    );
    expect(gateway.stats()).toMatchObject({ openCursors: 0, openTransactions: 0 });
    expect(await Accounts.countDocuments({ name: /^paged-/ })).toBe(30);
  });

  it('aborts a transaction the client leaves idle past the timeout', async () => {
    const impatient = await startTestGateway({ transactionTimeoutMs: 300 });
    const impatientConnection = await connectMongoose(impatient, database);
    const ImpatientAccounts = impatientConnection.model('Account', accountSchema);
    const session = await impatientConnection.startSession();
    session.startTransaction();
    await ImpatientAccounts.create([{ name: 'abandoned', balance: 1 }], { session });
    expect(impatient.stats().openTransactions).toBe(1);

    await waitFor(
      () => Promise.resolve(impatient.stats().openTransactions),
      (open) => open === 0,
    );

    await expect(session.commitTransaction()).rejects.toMatchObject({ code: 251 });
    await session.endSession();
    await impatientConnection.close();
    await impatient.close();
    expect(await Accounts.findOne({ name: 'abandoned' })).toBeNull();
  });
});
