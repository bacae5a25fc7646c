import { Long, type Document } from 'bson';
import { decodeDocument } from '../bson/bson-values';
import { peekCursorId } from '../bson/peek-cursor-id';
import type { Queryable } from './queryable';

// Every documentdb_api function takes and returns whole BSON command documents; they travel as
// bytea (node-pg sends Buffers in binary) and are cast to and from documentdb_core.bson.
const BSON = '::bytea::documentdb_core.bson';
const BSON_SEQUENCE = '::bytea::documentdb_core.bsonsequence';

/** A first page or getMore page: the reply document stays raw and goes to the client as is. */
export interface CursorPage {
  readonly reply: Buffer;
  readonly cursorId: Long;
  readonly continuation: Buffer | null;
  /** The cursor lives in this PostgreSQL connection (a held portal): getMore must reuse it. */
  readonly persistent: boolean;
}

export interface WriteOutcome {
  readonly result: Document;
  readonly success: boolean;
}

export type WriteFunction = 'insert' | 'update' | 'delete';
export type FirstPageFunction =
  | 'find_cursor_first_page'
  | 'aggregate_cursor_first_page'
  | 'list_collections_cursor_first_page'
  | 'list_indexes_cursor_first_page';

interface WriteRow {
  result: Buffer;
  success: boolean;
}
interface PageRow {
  reply: Buffer;
  continuation: Buffer | null;
  persistent: boolean | null;
  cursor_id: string | null;
}
interface BsonRow {
  result: Buffer;
}

function single<R>(rows: R[], what: string): R {
  if (rows.length !== 1) throw new Error(`${what} returned ${rows.length} rows`);
  return rows[0];
}

/** Text output of documentdb_core.bson, which CALL statements return: `BSONHEX<hex>`. */
export function parseBsonText(text: string): Document {
  if (!text.startsWith('BSONHEX')) throw new Error('unexpected BSON text output');
  return decodeDocument(Buffer.from(text.slice('BSONHEX'.length), 'hex'));
}

export async function write(
  db: Queryable,
  fn: WriteFunction,
  database: string,
  command: Buffer,
  sequence: Buffer | undefined,
  retryId: string | undefined,
): Promise<WriteOutcome> {
  const { rows } = await db.query<WriteRow>(
    `SELECT p_result::bytea AS result, p_success AS success
       FROM documentdb_api.${fn}($1, $2${BSON}, $3${BSON_SEQUENCE}, $4)`,
    [database, command, sequence ?? null, retryId ?? null],
  );
  const row = single(rows, fn);
  return { result: decodeDocument(row.result), success: row.success };
}

export async function findAndModify(
  db: Queryable,
  database: string,
  command: Buffer,
  retryId: string | undefined,
): Promise<Document> {
  const { rows } = await db.query<BsonRow>(
    `SELECT p_result::bytea AS result FROM documentdb_api.find_and_modify($1, $2${BSON}, $3)`,
    [database, command, retryId ?? null],
  );
  return decodeDocument(single(rows, 'find_and_modify').result);
}

export async function firstPage(
  db: Queryable,
  fn: FirstPageFunction,
  database: string,
  command: Buffer,
): Promise<CursorPage> {
  const { rows } = await db.query<PageRow>(
    `SELECT cursorpage::bytea AS reply, continuation::bytea AS continuation,
            persistconnection AS persistent, cursorid::text AS cursor_id
       FROM documentdb_api.${fn}($1, $2${BSON})`,
    [database, command],
  );
  const row = single(rows, fn);
  return {
    reply: row.reply,
    cursorId: peekCursorId(row.reply) ?? Long.fromString(row.cursor_id ?? '0'),
    continuation: row.continuation,
    persistent: row.persistent === true,
  };
}

export async function getMore(
  db: Queryable,
  database: string,
  command: Buffer,
  continuation: Buffer,
  cursorId: Long,
): Promise<CursorPage> {
  const { rows } = await db.query<PageRow>(
    `SELECT cursorpage::bytea AS reply, continuation::bytea AS continuation,
            NULL::boolean AS persistent, NULL::text AS cursor_id
       FROM documentdb_api.cursor_get_more($1, $2${BSON}, $3${BSON})`,
    [database, command, continuation],
  );
  const row = single(rows, 'cursor_get_more');
  return {
    reply: row.reply,
    cursorId: peekCursorId(row.reply) ?? (row.continuation ? cursorId : Long.ZERO),
    continuation: row.continuation,
    persistent: false,
  };
}

export async function bsonFunction(
  db: Queryable,
  call: string,
  values: unknown[],
): Promise<Document> {
  const { rows } = await db.query<BsonRow>(`SELECT ${call}::bytea AS result`, values);
  return decodeDocument(single(rows, call).result);
}

export const countQuery = (db: Queryable, database: string, command: Buffer) =>
  bsonFunction(db, `documentdb_api.count_query($1, $2${BSON})`, [database, command]);

export const distinctQuery = (db: Queryable, database: string, command: Buffer) =>
  bsonFunction(db, `documentdb_api.distinct_query($1, $2${BSON})`, [database, command]);

export const createCollection = (db: Queryable, database: string, command: Buffer) =>
  bsonFunction(db, `documentdb_api.create_collection_view($1, $2${BSON})`, [database, command]);

export const listDatabases = (db: Queryable, command: Buffer) =>
  bsonFunction(db, `documentdb_api.list_databases($1${BSON})`, [command]);

export const collStats = (db: Queryable, database: string, collection: string, scale: number) =>
  bsonFunction(db, 'documentdb_api.coll_stats($1, $2, $3)', [database, collection, scale]);

export const dbStats = (db: Queryable, database: string, scale: number, freeStorage: boolean) =>
  bsonFunction(db, 'documentdb_api.db_stats($1, $2, $3)', [database, scale, freeStorage]);

export const renameCollection = (db: Queryable, command: Buffer) =>
  bsonFunction(db, `documentdb_api.rename_collection($1${BSON})`, [command]);

export const collMod = (db: Queryable, database: string, collection: string, command: Buffer) =>
  bsonFunction(db, `documentdb_api.coll_mod($1, $2, $3${BSON})`, [database, collection, command]);

export const validateCollection = (db: Queryable, database: string, command: Buffer) =>
  bsonFunction(db, `documentdb_api.validate($1, $2${BSON})`, [database, command]);

export async function dropCollection(
  db: Queryable,
  database: string,
  collection: string,
): Promise<boolean> {
  const { rows } = await db.query<{ dropped: boolean }>(
    'SELECT documentdb_api.drop_collection($1, $2) AS dropped',
    [database, collection],
  );
  return single(rows, 'drop_collection').dropped;
}

export async function dropDatabase(db: Queryable, database: string): Promise<void> {
  await db.query('SELECT documentdb_api.drop_database($1)', [database]);
}

export async function dropIndexes(
  db: Queryable,
  database: string,
  command: Buffer,
): Promise<Document> {
  const { rows } = await db.query<{ retval: string }>(
    `CALL documentdb_api.drop_indexes($1, $2${BSON}, NULL)`,
    [database, command],
  );
  return parseBsonText(single(rows, 'drop_indexes').retval);
}

export interface IndexBuildStart {
  readonly result: Document;
  /** Present when some index is built by DocumentDB's background worker. */
  readonly pendingRequest: Buffer | null;
}

export async function createIndexes(
  db: Queryable,
  database: string,
  command: Buffer,
): Promise<IndexBuildStart> {
  const { rows } = await db.query<{ result: Buffer; requests: Buffer | null }>(
    `SELECT retval::bytea AS result, requests::bytea AS requests
       FROM documentdb_api.create_indexes_background($1, $2${BSON})`,
    [database, command],
  );
  const row = single(rows, 'create_indexes_background');
  const requests = row.requests ? decodeDocument(row.requests) : {};
  return {
    result: decodeDocument(row.result),
    pendingRequest: 'indexRequest' in requests && row.requests ? row.requests : null,
  };
}

export interface IndexBuildStatus {
  readonly result: Document;
  readonly complete: boolean;
}

export async function indexBuildStatus(db: Queryable, request: Buffer): Promise<IndexBuildStatus> {
  const { rows } = await db.query<{ result: Buffer; complete: boolean }>(
    `SELECT retval::bytea AS result, complete
       FROM documentdb_api_internal.check_build_index_status($1${BSON})`,
    [request],
  );
  const row = single(rows, 'check_build_index_status');
  return { result: decodeDocument(row.result), complete: row.complete };
}

/** Best effort: the catalog is internal to DocumentDB, so a failure just means "unknown". */
export async function indexNameById(db: Queryable, indexId: number): Promise<string | undefined> {
  try {
    const { rows } = await db.query<{ name: string }>(
      `SELECT (index_spec).index_name AS name
         FROM documentdb_api_catalog.collection_indexes WHERE index_id = $1`,
      [indexId],
    );
    return rows[0]?.name;
  } catch {
    return undefined;
  }
}

export async function engineVersion(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ version: string }>(
    'SELECT documentdb_api.binary_extended_version() AS version',
  );
  return single(rows, 'binary_extended_version').version;
}
