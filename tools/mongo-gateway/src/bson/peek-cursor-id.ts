import { Long } from 'bson';

// Fixed value sizes by BSON element type; variable-size types are handled in valueSize().
const FIXED_SIZES: Partial<Record<number, number>> = {
  0x01: 8,
  0x06: 0,
  0x07: 12,
  0x08: 1,
  0x09: 8,
  0x0a: 0,
  0x10: 4,
  0x11: 8,
  0x12: 8,
  0x13: 16,
  0x7f: 0,
  0xff: 0,
};

function valueSize(bytes: Buffer, type: number, offset: number): number {
  const fixed = FIXED_SIZES[type];
  if (fixed !== undefined) return fixed;
  switch (type) {
    case 0x02: // string
    case 0x0d: // code
    case 0x0e: // symbol
      return 4 + bytes.readInt32LE(offset);
    case 0x03: // document
    case 0x04: // array
    case 0x0f: // code with scope
      return bytes.readInt32LE(offset);
    case 0x05: // binary
      return 5 + bytes.readInt32LE(offset);
    case 0x0b: {
      const patternEnd = bytes.indexOf(0, offset);
      return bytes.indexOf(0, patternEnd + 1) + 1 - offset;
    }
    case 0x0c: // DBPointer
      return 4 + bytes.readInt32LE(offset) + 12;
    default:
      throw new Error(`unknown BSON type 0x${type.toString(16)}`);
  }
}

/** Finds a field of a document without decoding the rest; returns its type and value offset. */
function findField(
  bytes: Buffer,
  start: number,
  name: string,
): { type: number; offset: number } | undefined {
  const end = start + bytes.readInt32LE(start) - 1;
  let offset = start + 4;
  while (offset < end) {
    const type = bytes[offset];
    const nameEnd = bytes.indexOf(0, offset + 1);
    const valueOffset = nameEnd + 1;
    if (bytes.toString('utf8', offset + 1, nameEnd) === name) return { type, offset: valueOffset };
    offset = valueOffset + valueSize(bytes, type, valueOffset);
  }
  return undefined;
}

/**
 * Reads `cursor.id` of a cursor reply without decoding its batch, which can be megabytes of
 * documents the gateway only forwards.
 */
export function peekCursorId(reply: Buffer): Long | undefined {
  const cursor = findField(reply, 0, 'cursor');
  if (cursor?.type !== 0x03) return undefined;
  const id = findField(reply, cursor.offset, 'id');
  if (!id) return undefined;
  if (id.type === 0x12)
    return Long.fromBits(reply.readInt32LE(id.offset), reply.readInt32LE(id.offset + 4));
  if (id.type === 0x10) return Long.fromInt(reply.readInt32LE(id.offset));
  return undefined;
}
