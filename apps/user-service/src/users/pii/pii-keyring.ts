/** A key id: what is stored beside each ciphertext to find its key again. */
export const PII_KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/** AES-256 keys are 32 bytes; standard base64 of 32 bytes is 44 characters, one `=` of padding. */
export const PII_KEY_BYTES = 32;

const STANDARD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Decodes strict standard base64 (what `openssl rand -base64 32` prints), or undefined. */
export function decodeBase64(text: string): Buffer | undefined {
  return text.length > 0 && STANDARD_BASE64.test(text) ? Buffer.from(text, 'base64') : undefined;
}

/** The AES-256-GCM keys of PII at rest, by id, and the one new values are written with. */
export interface PiiKeyring {
  readonly keys: ReadonlyMap<string, Buffer>;
  readonly activeKeyId: string;
}

/** Outcome of reading keys from the environment; problems never quote key material. */
export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Reads `USER_PII_KEYS` (`<id>:<base64 of 32 bytes>`, comma-separated). */
export function parsePiiKeys(text: string): Parsed<ReadonlyMap<string, Buffer>> {
  const keys = new Map<string, Buffer>();
  const problems: string[] = [];
  const entries = text.split(',').map((entry) => entry.trim());
  entries.forEach((entry, index) => {
    const separator = entry.indexOf(':');
    const id = separator < 0 ? '' : entry.slice(0, separator);
    const key = decodeBase64(separator < 0 ? '' : entry.slice(separator + 1));
    if (!PII_KEY_ID_PATTERN.test(id)) {
      problems.push(`entry ${index + 1} needs an id of letters, digits, _ or - before ":"`);
    } else if (keys.has(id)) {
      problems.push(`key id ${id} is listed twice`);
    } else if (key?.length !== PII_KEY_BYTES) {
      problems.push(`key ${id} must be the standard base64 of ${PII_KEY_BYTES} bytes`);
    } else {
      keys.set(id, key);
    }
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: keys };
}

/** Reads the whole keyring: the keys and the active id, which must be one of them. */
export function parsePiiKeyring(keysText: string, activeKeyId: string): Parsed<PiiKeyring> {
  const parsed = parsePiiKeys(keysText);
  if (!parsed.ok) return parsed;
  if (!parsed.value.has(activeKeyId)) {
    return { ok: false, problems: [`active key id ${activeKeyId} is not in the keyring`] };
  }
  return { ok: true, value: { keys: parsed.value, activeKeyId } };
}
