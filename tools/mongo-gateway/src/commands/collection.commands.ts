import { toNumber } from '../bson/bson-values';
import {
  collMod,
  collStats,
  createCollection,
  dropCollection,
  renameCollection,
  validateCollection,
} from '../engine/documentdb-api';
import {
  collectionOf,
  namespaceOf,
  type CommandHandler,
  type CommandTable,
} from './command-context';
import { cursorCommand } from './query.commands';

const create: CommandHandler = ({ request, executor }) =>
  executor.run((db) => createCollection(db, request.database, request.bodyBytes));

// Since MongoDB 7.0 dropping a missing collection succeeds, which Mongoose relies on.
const drop: CommandHandler = async ({ request, executor }) => {
  await executor.run((db) => dropCollection(db, request.database, collectionOf(request)));
  return { ns: namespaceOf(request), ok: 1 };
};

const rename: CommandHandler = ({ request, executor }) =>
  executor.run((db) => renameCollection(db, request.bodyBytes));

const modify: CommandHandler = ({ request, executor }) =>
  executor.run((db) => collMod(db, request.database, collectionOf(request), request.bodyBytes));

const stats: CommandHandler = ({ request, executor }) =>
  executor.run((db) =>
    collStats(db, request.database, collectionOf(request), toNumber(request.body.scale) ?? 1),
  );

const validate: CommandHandler = ({ request, executor }) =>
  executor.run((db) => validateCollection(db, request.database, request.bodyBytes));

export const collectionCommands: CommandTable = {
  create,
  drop,
  listCollections: cursorCommand('list_collections_cursor_first_page'),
  renameCollection: rename,
  collMod: modify,
  collStats: stats,
  validate,
};
