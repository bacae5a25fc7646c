import type { Document } from 'bson';
import { encodeDocument } from '../bson/bson-values';
import { crc32c } from '../wire/crc32c';
import { HEADER_SIZE, OpCode } from '../wire/opcodes';
import { OpMsgFlags } from '../wire/op-msg';

/** Builds client-side messages byte by byte, as a driver would, for wire-level tests. */
export interface OpMsgSpec {
  readonly requestId: number;
  readonly body: Document;
  readonly sequences?: ReadonlyArray<{ identifier: string; documents: Document[] }>;
  readonly checksum?: boolean;
  readonly moreToCome?: boolean;
  readonly flags?: number;
}

function header(length: number, requestId: number, opCode: number): Buffer {
  const bytes = Buffer.alloc(HEADER_SIZE);
  bytes.writeInt32LE(length, 0);
  bytes.writeInt32LE(requestId, 4);
  bytes.writeInt32LE(0, 8);
  bytes.writeInt32LE(opCode, 12);
  return bytes;
}

export function buildOpMsg(spec: OpMsgSpec): Buffer {
  let flags = spec.flags ?? 0;
  if (spec.checksum) flags |= OpMsgFlags.checksumPresent;
  if (spec.moreToCome) flags |= OpMsgFlags.moreToCome;
  const flagBytes = Buffer.alloc(4);
  flagBytes.writeUInt32LE(flags >>> 0, 0);
  const sections: Buffer[] = [Buffer.from([0]), encodeDocument(spec.body)];
  for (const sequence of spec.sequences ?? []) {
    const identifier = Buffer.from(`${sequence.identifier}\0`, 'utf8');
    const documents = Buffer.concat(sequence.documents.map(encodeDocument));
    const size = Buffer.alloc(4);
    size.writeInt32LE(4 + identifier.length + documents.length, 0);
    sections.push(Buffer.from([1]), size, identifier, documents);
  }
  const payload = Buffer.concat([flagBytes, ...sections]);
  const length = HEADER_SIZE + payload.length + (spec.checksum ? 4 : 0);
  const message = Buffer.concat([header(length, spec.requestId, OpCode.Msg), payload]);
  if (!spec.checksum) return message;
  const crc = Buffer.alloc(4);
  crc.writeUInt32LE(crc32c(message), 0);
  return Buffer.concat([message, crc]);
}

export function buildOpQuery(
  requestId: number,
  fullCollectionName: string,
  query: Document,
): Buffer {
  const name = Buffer.from(`${fullCollectionName}\0`, 'utf8');
  const fixed = Buffer.alloc(4);
  const skipAndReturn = Buffer.alloc(8);
  skipAndReturn.writeInt32LE(-1, 4);
  const payload = Buffer.concat([fixed, name, skipAndReturn, encodeDocument(query)]);
  return Buffer.concat([header(HEADER_SIZE + payload.length, requestId, OpCode.Query), payload]);
}

/** The body document of an OP_MSG reply (flags 0, one kind-0 section). */
export function opMsgReplyBody(message: Buffer): Buffer {
  return message.subarray(HEADER_SIZE + 5);
}

/** The single document of an OP_REPLY. */
export function opReplyDocument(message: Buffer): Buffer {
  return message.subarray(HEADER_SIZE + 20);
}
