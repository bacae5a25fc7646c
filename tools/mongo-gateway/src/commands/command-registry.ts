import type { CommandHandler } from './command-context';
import { collectionCommands } from './collection.commands';
import { cursorCommands } from './cursor.commands';
import { databaseCommands } from './database.commands';
import { diagnosticsCommands } from './diagnostics.commands';
import { findAndModifyCommands } from './find-and-modify.command';
import { handshakeCommands } from './handshake.commands';
import { indexCommands } from './index.commands';
import { queryCommands } from './query.commands';
import { sessionCommands } from './session.commands';
import { writeCommands } from './write.commands';

/** Every command the gateway answers; anything else gets CommandNotFound (59). */
export function createCommandRegistry(): ReadonlyMap<string, CommandHandler> {
  return new Map(
    Object.entries({
      ...handshakeCommands,
      ...diagnosticsCommands,
      ...writeCommands,
      ...findAndModifyCommands,
      ...queryCommands,
      ...cursorCommands,
      ...indexCommands,
      ...collectionCommands,
      ...databaseCommands,
      ...sessionCommands,
    }),
  );
}
