import { BSON, Decimal128, Double, Int32, Long, type Document } from 'bson';

// Values keep their exact BSON types (Int32, Double, Long...) so that a document the gateway
// re-encodes is byte-identical to the one the client sent.
const DECODE_OPTIONS: BSON.DeserializeOptions = { promoteValues: false, bsonRegExp: true };

export function decodeDocument(bytes: Uint8Array): Document {
  return BSON.deserialize(bytes, DECODE_OPTIONS);
}

export function encodeDocument(document: Document): Buffer {
  const bytes = BSON.serialize(document);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Int32 || value instanceof Double) return value.valueOf();
  if (value instanceof Long) return value.toNumber();
  if (value instanceof Decimal128) return Number(value.toString());
  return undefined;
}

export function toLong(value: unknown): Long | undefined {
  if (value instanceof Long) return value;
  if (typeof value === 'bigint') return Long.fromBigInt(value);
  const asNumber = toNumber(value);
  return asNumber === undefined || !Number.isInteger(asNumber)
    ? undefined
    : Long.fromNumber(asNumber);
}

/** Mongo accepts `true`, `1` and `1.0` alike for flags such as `hello: 1` or `nameOnly`. */
export function isTruthy(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  const asNumber = toNumber(value);
  return asNumber !== undefined && asNumber !== 0;
}

export function isDocument(value: unknown): value is Document {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first key of a command document is the command name (`{ find: 'products', ... }`). */
export function commandNameOf(command: Document): string | undefined {
  for (const key in command) return key;
  return undefined;
}
