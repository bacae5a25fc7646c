import { Binary, type Document, type Long } from 'bson';
import { isDocument, toLong } from '../bson/bson-values';

/** The logical-session fields a driver attaches to a command. */
export interface SessionFields {
  /** `lsid.id` as hex; absent for commands outside any session. */
  readonly sessionId?: string;
  readonly txnNumber?: Long;
  /** `false` on every command of a multi-document transaction. */
  readonly autocommit?: boolean;
  readonly startTransaction: boolean;
}

export function sessionIdOf(lsid: unknown): string | undefined {
  if (!isDocument(lsid)) return undefined;
  const id: unknown = lsid.id;
  return id instanceof Binary ? id.toString('hex') : undefined;
}

export function readSessionFields(command: Document): SessionFields {
  return {
    sessionId: sessionIdOf(command.lsid),
    txnNumber: toLong(command.txnNumber),
    autocommit: typeof command.autocommit === 'boolean' ? command.autocommit : undefined,
    startTransaction: command.startTransaction === true,
  };
}
