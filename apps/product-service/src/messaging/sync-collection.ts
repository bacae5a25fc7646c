import type { MongoIndexSpec } from '@polyshop/messaging';
import type { Connection, mongo } from 'mongoose';

const NAMESPACE_EXISTS = 48;

/**
 * Creates the collection unless it exists (a MongoDB transaction cannot create one), then its
 * indexes: the explicit index sync at boot that stands in for Mongoose's `autoIndex`.
 */
export async function syncCollection<T extends mongo.Document>(
  connection: Connection,
  name: string,
  indexes: readonly MongoIndexSpec[],
): Promise<mongo.Collection<T>> {
  const { db } = connection;
  if (db === undefined) throw new Error('MongoDB is not connected');
  const existing = await db.listCollections({ name }, { nameOnly: true }).toArray();
  if (existing.length === 0) {
    // Another replica booting beside this one may create it first.
    await db.createCollection(name).catch((error: unknown) => {
      if (!isNamespaceExists(error)) throw error;
    });
  }
  const collection = db.collection<T>(name);
  await collection.createIndexes([...indexes]);
  return collection;
}

function isNamespaceExists(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error
    ? error.code === NAMESPACE_EXISTS
    : false;
}
