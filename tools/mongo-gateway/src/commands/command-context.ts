import type { Document } from 'bson';
import type { CursorRegistry } from '../cursors/cursor-registry';
import type { Executor } from '../engine/executor';
import type { Queryable } from '../engine/queryable';
import { MongoCommandError } from '../errors/mongo-error';
import type { SessionRegistry } from '../sessions/session-registry';
import type { DocumentSequence } from '../wire/op-msg';

/** A decoded command, whichever opcode carried it. */
export interface CommandRequest {
  readonly name: string;
  readonly database: string;
  /** Decoded with exact BSON types, for reading arguments. */
  readonly body: Document;
  /** The body's bytes, forwarded to DocumentDB untouched. */
  readonly bodyBytes: Buffer;
  readonly sequences: ReadonlyMap<string, DocumentSequence>;
}

export interface ConnectionInfo {
  readonly id: number;
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
}

/** Facts about the gateway itself, for hello, buildInfo and serverStatus. */
export interface GatewayInfo {
  readonly setName: string;
  readonly startedAt: Date;
  readonly engineVersion: string;
  commandNames(): string[];
  connectionCounts(): { current: number; totalCreated: number };
}

export interface CommandContext {
  readonly request: CommandRequest;
  readonly connection: ConnectionInfo;
  /** Runs statements in the command's transaction, or autocommit on the pool. */
  readonly executor: Executor;
  /** Set for retryable writes: DocumentDB answers a replayed write from its retry table. */
  readonly retryId: string | undefined;
  /** The pool outside any transaction, for work that must see committed state. */
  readonly pool: Queryable;
  readonly sessions: SessionRegistry;
  readonly cursors: CursorRegistry;
  readonly gateway: GatewayInfo;
}

/** A reply DocumentDB already produced in its final shape, sent without re-encoding. */
export class RawReply {
  constructor(readonly bytes: Buffer) {}
}

export type CommandReply = Document | RawReply;
export type CommandHandler = (context: CommandContext) => Promise<CommandReply>;
export type CommandTable = Readonly<Record<string, CommandHandler>>;

/** The collection a command targets: the value of its first field (`{ find: 'products' }`). */
export function collectionOf(request: CommandRequest): string {
  const value: unknown = request.body[request.name];
  if (typeof value !== 'string' || value.length === 0) {
    throw MongoCommandError.of(
      'InvalidNamespace',
      `collection name for '${request.name}' must be a non-empty string`,
    );
  }
  return value;
}

export function namespaceOf(request: CommandRequest): string {
  return `${request.database}.${collectionOf(request)}`;
}
