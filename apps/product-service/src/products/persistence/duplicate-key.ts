const DUPLICATE_KEY = 11000;

interface MaybeDuplicateKey {
  code?: unknown;
  message?: unknown;
  errmsg?: unknown;
  keyPattern?: unknown;
  writeErrors?: unknown;
}

/**
 * True when `error` (a server or bulk write error) is a duplicate key on the index named
 * `indexName` whose first key is `field`. MongoDB reports the key pattern; the local gateway
 * only names the index in the `E11000 ... index: <name>` message, so both are recognised.
 */
export function isDuplicateKeyOn(error: unknown, indexName: string, field: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as MaybeDuplicateKey;
  if (candidate.code === DUPLICATE_KEY) {
    const { keyPattern } = candidate;
    if (typeof keyPattern === 'object' && keyPattern !== null && field in keyPattern) return true;
    const text = [candidate.message, candidate.errmsg].filter((m) => typeof m === 'string');
    if (text.some((m) => new RegExp(`index: ${indexName}(\\s|$)`).test(m))) return true;
  }
  const { writeErrors } = candidate;
  return (
    Array.isArray(writeErrors) &&
    writeErrors.some((writeError: unknown) => isDuplicateKeyOn(writeError, indexName, field))
  );
}
