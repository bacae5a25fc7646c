import { isTruthy, toNumber } from '../bson/bson-values';
import { dbStats, dropDatabase, listDatabases } from '../engine/documentdb-api';
import type { CommandHandler, CommandTable } from './command-context';

const drop: CommandHandler = async ({ request, executor }) => {
  await executor.run((db) => dropDatabase(db, request.database));
  return { dropped: request.database, ok: 1 };
};

const list: CommandHandler = ({ request, executor }) =>
  executor.run((db) => listDatabases(db, request.bodyBytes));

const stats: CommandHandler = ({ request, executor }) =>
  executor.run((db) =>
    dbStats(
      db,
      request.database,
      toNumber(request.body.scale) ?? 1,
      isTruthy(request.body.freeStorage),
    ),
  );

export const databaseCommands: CommandTable = {
  dropDatabase: drop,
  listDatabases: list,
  dbStats: stats,
};
