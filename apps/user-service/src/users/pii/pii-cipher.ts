import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { PiiKeyring } from './pii-keyring';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = 'v1';

/** The id of the key a sealed value was written with, e.g. to find values left to re-encrypt. */
export function sealedKeyId(sealed: string): string | undefined {
  return sealed.split('.')[1];
}

/** A stored value that cannot be decrypted: tampered, truncated, or its key is gone. */
export class PiiDecryptionError extends Error {
  constructor(reason: string) {
    super(`PII value cannot be decrypted: ${reason}`);
    this.name = 'PiiDecryptionError';
  }
}

const encode = (bytes: Buffer): string => bytes.toString('base64url');

/**
 * AES-256-GCM for PII at rest. A sealed value is one self-describing string,
 * `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url), so the key id sits beside each ciphertext:
 * values written with an older key still open while that key stays in the keyring.
 *
 * `context` is authenticated, not stored: sealing a value for `users.name:<id>` makes it fail to
 * open anywhere else, so ciphertexts cannot be swapped between columns or rows.
 */
export class PiiCipher {
  constructor(private readonly keyring: PiiKeyring) {}

  /** Encrypts with the active key and a fresh random IV. */
  seal(plaintext: string, context: string): string {
    const keyId = this.keyring.activeKeyId;
    const key = this.keyOf(keyId);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT, keyId, encode(iv), encode(cipher.getAuthTag()), encode(ciphertext)].join('.');
  }

  /** Decrypts with the key named in the value; throws `PiiDecryptionError` if it does not verify. */
  open(sealed: string, context: string): string {
    const [format, keyId, iv, tag, ciphertext, ...rest] = sealed.split('.');
    if (format !== FORMAT || ciphertext === undefined || rest.length > 0) {
      throw new PiiDecryptionError('not a sealed value');
    }
    const key = this.keyring.keys.get(keyId);
    if (key === undefined) throw new PiiDecryptionError(`key ${keyId} is not in the keyring`);
    const ivBytes = Buffer.from(iv, 'base64url');
    const tagBytes = Buffer.from(tag, 'base64url');
    if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) {
      throw new PiiDecryptionError('malformed IV or tag');
    }
    try {
      const decipher = createDecipheriv(ALGORITHM, key, ivBytes, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tagBytes);
      const plain = Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]);
      return plain.toString('utf8');
    } catch {
      throw new PiiDecryptionError('authentication failed');
    }
  }

  private keyOf(keyId: string): Buffer {
    const key = this.keyring.keys.get(keyId);
    if (key === undefined) throw new Error(`active PII key ${keyId} is not in the keyring`);
    return key;
  }
}
