import { crc32c } from './crc32c';
import { sliceDocument, readCString } from './bson-slices';
import { HEADER_SIZE, OpCode, readHeader, writeHeader } from './opcodes';
import { FatalWireError, MalformedMessageError } from './wire-errors';

export const OpMsgFlags = {
  checksumPresent: 1 << 0,
  moreToCome: 1 << 1,
  exhaustAllowed: 1 << 16,
} as const;

// Bits 0-15 are "required": a receiver must reject the ones it does not know.
const KNOWN_REQUIRED_BITS = OpMsgFlags.checksumPresent | OpMsgFlags.moreToCome;
const REQUIRED_BITS_MASK = 0xffff;

/** A kind-1 section: the documents of one array argument (`documents`, `updates`...). */
export interface DocumentSequence {
  readonly identifier: string;
  readonly documents: readonly Buffer[];
  /** The documents back to back, the layout of a DocumentDB `bsonsequence`. */
  readonly bytes: Buffer;
}

export interface OpMsgRequest {
  readonly requestId: number;
  readonly moreToCome: boolean;
  readonly body: Buffer;
  readonly sequences: readonly DocumentSequence[];
}

export function parseOpMsg(message: Buffer): OpMsgRequest {
  const header = readHeader(message);
  if (message.length < HEADER_SIZE + 5) throw new MalformedMessageError('OP_MSG too short');
  const flags = message.readUInt32LE(HEADER_SIZE);
  const unknownRequired = flags & REQUIRED_BITS_MASK & ~KNOWN_REQUIRED_BITS;
  if (unknownRequired !== 0) {
    throw new MalformedMessageError(
      `unknown required OP_MSG flag bits 0x${unknownRequired.toString(16)}`,
    );
  }
  let end = message.length;
  if (flags & OpMsgFlags.checksumPresent) {
    end -= 4;
    verifyChecksum(message, end);
  }
  let body: Buffer | undefined;
  const sequences: DocumentSequence[] = [];
  let offset = HEADER_SIZE + 4;
  while (offset < end) {
    const kind = message[offset++];
    if (kind === 0) {
      if (body) throw new MalformedMessageError('OP_MSG has more than one body section');
      body = sliceDocument(message, offset, end);
      offset += body.length;
    } else if (kind === 1) {
      const sequence = readSequence(message, offset, end);
      sequences.push(sequence.section);
      offset = sequence.next;
    } else {
      throw new MalformedMessageError(`unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!body) throw new MalformedMessageError('OP_MSG has no body section');
  return {
    requestId: header.requestId,
    moreToCome: (flags & OpMsgFlags.moreToCome) !== 0,
    body,
    sequences,
  };
}

function verifyChecksum(message: Buffer, end: number): void {
  if (end < HEADER_SIZE + 4) throw new FatalWireError('OP_MSG too short for its checksum');
  const expected = message.readUInt32LE(end);
  if (crc32c(message.subarray(0, end)) !== expected) {
    throw new FatalWireError('OP_MSG checksum mismatch');
  }
}

function readSequence(
  message: Buffer,
  offset: number,
  end: number,
): { section: DocumentSequence; next: number } {
  if (end - offset < 4) throw new MalformedMessageError('truncated document sequence');
  const size = message.readInt32LE(offset);
  const sectionEnd = offset + size;
  if (size < 5 || sectionEnd > end) {
    throw new MalformedMessageError(`document sequence size ${size} overruns the message`);
  }
  const [identifier, docsStart] = readCString(message, offset + 4, sectionEnd);
  const documents: Buffer[] = [];
  let cursor = docsStart;
  while (cursor < sectionEnd) {
    const document = sliceDocument(message, cursor, sectionEnd);
    documents.push(document);
    cursor += document.length;
  }
  return {
    section: { identifier, documents, bytes: message.subarray(docsStart, sectionEnd) },
    next: sectionEnd,
  };
}

/** A reply: flags 0 and one body section (the gateway never streams with moreToCome). */
export function encodeOpMsg(requestId: number, responseTo: number, body: Buffer): Buffer {
  const message = Buffer.allocUnsafe(HEADER_SIZE + 4 + 1 + body.length);
  writeHeader(message, { requestId, responseTo, opCode: OpCode.Msg });
  message.writeUInt32LE(0, HEADER_SIZE);
  message[HEADER_SIZE + 4] = 0;
  body.copy(message, HEADER_SIZE + 5);
  return message;
}
