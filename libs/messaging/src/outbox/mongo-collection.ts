/**
 * A driver session (`ClientSession` of the `mongodb` driver, or what Mongoose's
 * `connection.startSession()` returns) carrying the caller's transaction.
 */
export type MongoSession = object;

/** An index to create, in the shape `collection.createIndexes(...)` takes. */
export interface MongoIndexSpec {
  readonly key: Readonly<Record<string, 1 | -1>>;
  readonly name: string;
  readonly unique?: boolean;
}

/** Filters and updates are plain MongoDB query documents. */
export type MongoFilter = Record<string, unknown>;

/** What a `find` hands back: the `mongodb` driver's cursor satisfies it. */
export interface MongoCursor<T> {
  toArray(): Promise<T[]>;
}

export interface MongoFindOptions {
  sort?: Record<string, 1 | -1>;
  limit?: number;
  projection?: Record<string, 0 | 1>;
  session?: MongoSession;
}

export interface MongoWriteOptions {
  session?: MongoSession;
  ordered?: boolean;
  upsert?: boolean;
}
