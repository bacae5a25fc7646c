import { MalformedMessageError } from './wire-errors';

/**
 * Reads the BSON document that starts at `offset` without decoding it: checks that its declared
 * length fits in `end` and that it ends with the NUL terminator.
 */
export function sliceDocument(message: Buffer, offset: number, end: number): Buffer {
  if (end - offset < 5) throw new MalformedMessageError('truncated BSON document');
  const length = message.readInt32LE(offset);
  if (length < 5 || offset + length > end) {
    throw new MalformedMessageError(`BSON document length ${length} overruns its section`);
  }
  if (message[offset + length - 1] !== 0) {
    throw new MalformedMessageError('BSON document is not NUL-terminated');
  }
  return message.subarray(offset, offset + length);
}

/** Reads a NUL-terminated UTF-8 string; returns it with the offset just past the NUL. */
export function readCString(message: Buffer, offset: number, end: number): [string, number] {
  const nul = message.indexOf(0, offset);
  if (nul < 0 || nul >= end) throw new MalformedMessageError('unterminated string');
  return [message.toString('utf8', offset, nul), nul + 1];
}
