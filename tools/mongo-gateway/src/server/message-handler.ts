import { BSONError, type Document } from 'bson';
import { commandNameOf, decodeDocument, encodeDocument, isDocument } from '../bson/bson-values';
import type { CommandRequest, ConnectionInfo } from '../commands/command-context';
import { MongoCommandError } from '../errors/mongo-error';
import { OpCode, readHeader } from '../wire/opcodes';
import { encodeOpMsg, parseOpMsg, type DocumentSequence } from '../wire/op-msg';
import { encodeOpReply, OpReplyFlags, parseOpQuery } from '../wire/op-query';
import { FatalWireError, MalformedMessageError } from '../wire/wire-errors';
import type { CommandDispatcher } from './command-dispatcher';

const COMMAND_COLLECTION = '.$cmd';

/**
 * Turns one framed message into zero or one reply message: OP_MSG (every command) and
 * OP_QUERY on `<db>.$cmd` (the legacy handshake). Anything else cannot be answered in a form
 * the client expects and ends the connection.
 */
export class MessageHandler {
  private lastRequestId = 0;

  constructor(private readonly dispatcher: CommandDispatcher) {}

  /** Reply ids are int32 on the wire: wrap before overflowing. */
  private nextRequestId(): number {
    this.lastRequestId = (this.lastRequestId % 0x7fffffff) + 1;
    return this.lastRequestId;
  }

  async handle(message: Buffer, connection: ConnectionInfo): Promise<Buffer | undefined> {
    const { opCode } = readHeader(message);
    switch (opCode) {
      case OpCode.Msg:
        return this.handleOpMsg(message, connection);
      case OpCode.Query:
        return this.handleOpQuery(message, connection);
      case OpCode.Compressed:
        throw new FatalWireError(
          'OP_COMPRESSED is not supported (no compressor is offered in hello)',
        );
      default:
        throw new FatalWireError(`unsupported opcode ${opCode}`);
    }
  }

  private async handleOpMsg(
    message: Buffer,
    connection: ConnectionInfo,
  ): Promise<Buffer | undefined> {
    const requestId = readHeader(message).requestId;
    let reply: Buffer;
    let moreToCome = false;
    try {
      const parsed = parseOpMsg(message);
      moreToCome = parsed.moreToCome;
      const request = commandRequest(parsed.body, undefined, parsed.sequences);
      reply = await this.dispatcher.execute(request, connection);
    } catch (error) {
      reply = encodeDocument(requestFailure(error).toReply());
    }
    // moreToCome on a request means the client will not read a reply (w: 0 writes).
    return moreToCome ? undefined : encodeOpMsg(this.nextRequestId(), requestId, reply);
  }

  private async handleOpQuery(message: Buffer, connection: ConnectionInfo): Promise<Buffer> {
    const requestId = readHeader(message).requestId;
    try {
      const query = parseOpQuery(message);
      if (!query.fullCollectionName.endsWith(COMMAND_COLLECTION)) {
        throw new MongoCommandError(
          352,
          'UnsupportedOpQueryCommand',
          'OP_QUERY is only supported for commands on <db>.$cmd',
        );
      }
      const database = query.fullCollectionName.slice(0, -COMMAND_COLLECTION.length);
      const request = commandRequest(query.query, database, []);
      const reply = await this.dispatcher.execute(request, connection);
      return encodeOpReply(this.nextRequestId(), requestId, reply);
    } catch (error) {
      const failure = requestFailure(error);
      const document = { $err: failure.message, ...failure.toReply() };
      return encodeOpReply(
        this.nextRequestId(),
        requestId,
        encodeDocument(document),
        OpReplyFlags.queryFailure,
      );
    }
  }
}

function requestFailure(error: unknown): MongoCommandError {
  if (error instanceof MongoCommandError) return error;
  if (error instanceof MalformedMessageError)
    return MongoCommandError.of('ProtocolError', error.message);
  if (error instanceof BSONError)
    return MongoCommandError.of('InvalidBSON', `invalid BSON: ${error.message}`);
  if (error instanceof FatalWireError) throw error;
  return MongoCommandError.of(
    'InternalError',
    error instanceof Error ? error.message : String(error),
  );
}

/**
 * OP_MSG names the database in `$db`; OP_QUERY in its namespace and may wrap the command as
 * `{ $query: {...}, $readPreference: ... }`.
 */
function commandRequest(
  bodyBytes: Buffer,
  queryDatabase: string | undefined,
  sequences: readonly DocumentSequence[],
): CommandRequest {
  let body: Document = decodeDocument(bodyBytes);
  let bytes = bodyBytes;
  const wrapped: unknown = body.$query;
  if (queryDatabase !== undefined && isDocument(wrapped)) {
    body = wrapped;
    bytes = encodeDocument(body);
  }
  const name = commandNameOf(body);
  if (name === undefined) throw MongoCommandError.of('FailedToParse', 'empty command document');
  const database: unknown = queryDatabase ?? body.$db;
  if (typeof database !== 'string' || database.length === 0) {
    throw new MongoCommandError(40571, 'Location40571', 'OP_MSG requests require a $db argument');
  }
  const bySequence = new Map<string, DocumentSequence>();
  for (const sequence of sequences) {
    if (bySequence.has(sequence.identifier)) {
      throw MongoCommandError.of(
        'ProtocolError',
        `duplicate document sequence '${sequence.identifier}'`,
      );
    }
    bySequence.set(sequence.identifier, sequence);
  }
  return { name, database, body, bodyBytes: bytes, sequences: bySequence };
}
