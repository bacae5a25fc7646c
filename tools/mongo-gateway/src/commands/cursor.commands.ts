import type { Long } from 'bson';
import { toLong } from '../bson/bson-values';
import type { OpenCursor } from '../cursors/cursor-registry';
import { getMore as engineGetMore, type CursorPage } from '../engine/documentdb-api';
import type { Queryable } from '../engine/queryable';
import { MongoCommandError } from '../errors/mongo-error';
import {
  RawReply,
  type CommandContext,
  type CommandHandler,
  type CommandTable,
} from './command-context';

const cursorNotFound = (id: Long): MongoCommandError =>
  MongoCommandError.of('CursorNotFound', `cursor id ${id.toString()} not found`);

/** A cursor in a portal must use its own connection; a plain continuation runs anywhere. */
function runOnHome(
  cursor: OpenCursor,
  context: CommandContext,
  work: (db: Queryable) => Promise<CursorPage>,
): Promise<CursorPage> {
  const { home } = cursor;
  switch (home.kind) {
    case 'leased':
      return work(home.client);
    case 'transaction':
      if (home.transaction.state !== 'active') throw cursorNotFound(cursor.id);
      return home.transaction.run(work);
    case 'any':
      return context.executor.run(work);
  }
}

const getMore: CommandHandler = async (context) => {
  const { request, cursors } = context;
  const id = toLong(request.body.getMore);
  if (!id) throw MongoCommandError.of('TypeMismatch', "field 'getMore' must be a cursor id");
  const cursor = cursors.use(id);
  if (!cursor) throw cursorNotFound(id);
  let page: CursorPage;
  try {
    page = await runOnHome(cursor, context, (db) =>
      engineGetMore(db, cursor.database, request.bodyBytes, cursor.continuation, id),
    );
  } catch (error) {
    // As in mongod, a getMore that fails kills its cursor.
    await cursors.close(id);
    throw error;
  }
  if (page.cursorId.isZero() || !page.continuation) cursors.exhausted(id);
  else cursor.continuation = page.continuation;
  return new RawReply(page.reply);
};

const killCursors: CommandHandler = async ({ request, cursors }) => {
  const requested: unknown = request.body.cursors;
  if (!Array.isArray(requested)) {
    throw MongoCommandError.of('TypeMismatch', "field 'cursors' must be an array of cursor ids");
  }
  const cursorsKilled: Long[] = [];
  const cursorsNotFound: Long[] = [];
  for (const raw of requested) {
    const id = toLong(raw);
    if (!id) throw MongoCommandError.of('TypeMismatch', "field 'cursors' must hold cursor ids");
    ((await cursors.close(id)) ? cursorsKilled : cursorsNotFound).push(id);
  }
  return { cursorsKilled, cursorsNotFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
};

export const cursorCommands: CommandTable = { getMore, killCursors };
