import {
  countQuery,
  distinctQuery,
  firstPage,
  type FirstPageFunction,
} from '../engine/documentdb-api';
import { RawReply, type CommandHandler, type CommandTable } from './command-context';

/** find, aggregate, listCollections, listIndexes: first page now, the rest through getMore. */
export const cursorCommand =
  (fn: FirstPageFunction): CommandHandler =>
  async ({ request, executor, cursors }) => {
    const { page, home } = await executor.openCursor((db) =>
      firstPage(db, fn, request.database, request.bodyBytes),
    );
    if (!page.cursorId.isZero() && page.continuation) {
      cursors.register({
        id: page.cursorId,
        database: request.database,
        home,
        continuation: page.continuation,
      });
    }
    return new RawReply(page.reply);
  };

const count: CommandHandler = ({ request, executor }) =>
  executor.run((db) => countQuery(db, request.database, request.bodyBytes));

const distinct: CommandHandler = ({ request, executor }) =>
  executor.run((db) => distinctQuery(db, request.database, request.bodyBytes));

export const queryCommands: CommandTable = {
  find: cursorCommand('find_cursor_first_page'),
  aggregate: cursorCommand('aggregate_cursor_first_page'),
  count,
  distinct,
};
