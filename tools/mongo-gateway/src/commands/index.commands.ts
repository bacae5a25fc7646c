import type { Document } from 'bson';
import { setTimeout as delay } from 'node:timers/promises';
import { isDocument, toNumber } from '../bson/bson-values';
import { createIndexes, dropIndexes, indexBuildStatus } from '../engine/documentdb-api';
import type { Queryable } from '../engine/queryable';
import { MongoCommandError } from '../errors/mongo-error';
import { resolveResultCode } from '../errors/write-errors';
import type { CommandHandler, CommandTable } from './command-context';
import { cursorCommand } from './query.commands';

// Indexes on collections that already hold data are built by DocumentDB's background worker
// (scheduled by pg_cron every few seconds); mongod answers createIndexes once the index is
// usable, so the gateway waits for the build too.
const BUILD_POLL_START_MS = 50;
const BUILD_POLL_MAX_MS = 500;
const BUILD_TIMEOUT_MS = 10 * 60_000;

/** DocumentDB wraps the outcome per shard: `{ raw: { defaultShard: {...} }, ok }`. */
function shardOutcome(result: Document): Document {
  const raw: unknown = result.raw;
  const shard: unknown = isDocument(raw) ? raw.defaultShard : undefined;
  return isDocument(shard) ? shard : result;
}

function throwIfFailed(outcome: Document): void {
  if ((toNumber(outcome.ok) ?? (outcome.ok === true ? 1 : 0)) !== 0) return;
  const { code, codeName } = resolveResultCode(outcome.code);
  const message = typeof outcome.errmsg === 'string' ? outcome.errmsg : 'index build failed';
  throw new MongoCommandError(code, codeName, message);
}

async function waitForBuild(pool: Queryable, request: Buffer): Promise<void> {
  const deadline = Date.now() + BUILD_TIMEOUT_MS;
  let pause = BUILD_POLL_START_MS;
  for (;;) {
    const status = await indexBuildStatus(pool, request);
    if (status.complete) {
      throwIfFailed(shardOutcome(status.result));
      return;
    }
    if (Date.now() > deadline) {
      throw MongoCommandError.of('ExceededTimeLimit', 'index build did not finish in time');
    }
    await delay(pause);
    pause = Math.min(pause * 2, BUILD_POLL_MAX_MS);
  }
}

const createIndexesCommand: CommandHandler = async ({ request, executor, pool }) => {
  const started = await executor.run((db) =>
    createIndexes(db, request.database, request.bodyBytes),
  );
  const outcome = shardOutcome(started.result);
  throwIfFailed(outcome);
  // Inside a transaction only new collections get indexes, and those are built inline.
  if (started.pendingRequest && !executor.transaction)
    await waitForBuild(pool, started.pendingRequest);
  return { ...outcome, ok: 1 };
};

const dropIndexesCommand: CommandHandler = async ({ request, executor }) => {
  const result = await executor.run((db) => dropIndexes(db, request.database, request.bodyBytes));
  throwIfFailed(result);
  return { ...result, ok: 1 };
};

export const indexCommands: CommandTable = {
  createIndexes: createIndexesCommand,
  listIndexes: cursorCommand('list_indexes_cursor_first_page'),
  dropIndexes: dropIndexesCommand,
  deleteIndexes: dropIndexesCommand,
};
