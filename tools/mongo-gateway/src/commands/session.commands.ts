import { UUID } from 'bson';
import { MongoCommandError } from '../errors/mongo-error';
import { readSessionFields, sessionIdOf } from '../sessions/session-fields';
import type { CommandHandler, CommandTable } from './command-context';

export const LOGICAL_SESSION_TIMEOUT_MINUTES = 30;

const commitTransaction: CommandHandler = async ({ request, sessions }) => {
  await sessions.commit(readSessionFields(request.body));
  return { ok: 1 };
};

const abortTransaction: CommandHandler = async ({ request, sessions }) => {
  await sessions.abort(readSessionFields(request.body));
  return { ok: 1 };
};

/** endSessions / killSessions: `{ endSessions: [ { id: UUID }, ... ] }`. */
const endSessions: CommandHandler = async ({ request, sessions }) => {
  const listed: unknown = request.body[request.name];
  if (!Array.isArray(listed)) {
    throw MongoCommandError.of('TypeMismatch', `'${request.name}' must be an array of session ids`);
  }
  const ids = listed.map(sessionIdOf).filter((id): id is string => id !== undefined);
  await sessions.endSessions(ids);
  return { ok: 1 };
};

const killAllSessions: CommandHandler = async ({ sessions }) => {
  await sessions.abortAll('killAllSessions');
  return { ok: 1 };
};

const startSession: CommandHandler = () =>
  Promise.resolve({
    id: { id: new UUID() },
    timeoutMinutes: LOGICAL_SESSION_TIMEOUT_MINUTES,
    ok: 1,
  });

const refreshSessions: CommandHandler = () => Promise.resolve({ ok: 1 });

/** Commands that manage transactions themselves instead of running inside one. */
export const TRANSACTION_CONTROL_COMMANDS: ReadonlySet<string> = new Set([
  'commitTransaction',
  'abortTransaction',
  'endSessions',
  'killSessions',
  'killAllSessions',
]);

export const sessionCommands: CommandTable = {
  commitTransaction,
  abortTransaction,
  endSessions,
  killSessions: endSessions,
  killAllSessions,
  startSession,
  refreshSessions,
};
