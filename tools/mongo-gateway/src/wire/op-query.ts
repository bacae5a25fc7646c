import { readCString, sliceDocument } from './bson-slices';
import { HEADER_SIZE, OpCode, readHeader, writeHeader } from './opcodes';
import { MalformedMessageError } from './wire-errors';

/**
 * Legacy OP_QUERY: drivers still open a connection with `isMaster`/`hello` this way, on the
 * `<db>.$cmd` pseudo-collection.
 */
export interface OpQueryRequest {
  readonly requestId: number;
  readonly fullCollectionName: string;
  readonly query: Buffer;
}

export const OpReplyFlags = { queryFailure: 1 << 1, awaitCapable: 1 << 3 } as const;

export function parseOpQuery(message: Buffer): OpQueryRequest {
  const header = readHeader(message);
  const end = message.length;
  if (end < HEADER_SIZE + 4) throw new MalformedMessageError('OP_QUERY too short');
  const [fullCollectionName, afterName] = readCString(message, HEADER_SIZE + 4, end);
  const queryStart = afterName + 8; // numberToSkip, numberToReturn
  if (queryStart > end) throw new MalformedMessageError('OP_QUERY too short');
  const query = sliceDocument(message, queryStart, end);
  return { requestId: header.requestId, fullCollectionName, query };
}

export function encodeOpReply(
  requestId: number,
  responseTo: number,
  document: Buffer,
  responseFlags = 0,
): Buffer {
  const fixed = HEADER_SIZE + 4 + 8 + 4 + 4;
  const message = Buffer.allocUnsafe(fixed + document.length);
  writeHeader(message, { requestId, responseTo, opCode: OpCode.Reply });
  message.writeInt32LE(responseFlags, HEADER_SIZE);
  message.writeBigInt64LE(0n, HEADER_SIZE + 4); // cursorID: commands never leave one open here
  message.writeInt32LE(0, HEADER_SIZE + 12); // startingFrom
  message.writeInt32LE(1, HEADER_SIZE + 16); // numberReturned
  document.copy(message, fixed);
  return message;
}
