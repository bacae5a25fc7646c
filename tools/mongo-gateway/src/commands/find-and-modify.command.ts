import { findAndModify } from '../engine/documentdb-api';
import type { CommandHandler, CommandTable } from './command-context';

const findAndModifyCommand: CommandHandler = ({ request, executor, retryId }) =>
  executor.run((db) => findAndModify(db, request.database, request.bodyBytes, retryId));

export const findAndModifyCommands: CommandTable = {
  findAndModify: findAndModifyCommand,
  findandmodify: findAndModifyCommand,
};
