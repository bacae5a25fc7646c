import { write, type WriteFunction } from '../engine/documentdb-api';
import { translateWriteResult } from '../errors/write-errors';
import { namespaceOf, type CommandHandler, type CommandTable } from './command-context';

/** The array argument of each write that a client may send as an OP_MSG document sequence. */
export const DOCUMENT_SEQUENCE_FIELDS: Readonly<Record<string, string>> = {
  insert: 'documents',
  update: 'updates',
  delete: 'deletes',
};

const writeCommand =
  (fn: WriteFunction): CommandHandler =>
  async ({ request, executor, retryId }) => {
    const sequence = request.sequences.get(DOCUMENT_SEQUENCE_FIELDS[fn]);
    const outcome = await executor.run((db) =>
      write(db, fn, request.database, request.bodyBytes, sequence?.bytes, retryId),
    );
    return translateWriteResult(outcome.result, namespaceOf(request));
  };

export const writeCommands: CommandTable = {
  insert: writeCommand('insert'),
  update: writeCommand('update'),
  delete: writeCommand('delete'),
};
