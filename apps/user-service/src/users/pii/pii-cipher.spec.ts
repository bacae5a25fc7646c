import { randomBytes } from 'node:crypto';
import { PiiCipher, PiiDecryptionError, sealedKeyId } from './pii-cipher';

const key1 = randomBytes(32);
const key2 = randomBytes(32);
const cipherWith = (activeKeyId: string, keys: Record<string, Buffer>) =>
  new PiiCipher({ keys: new Map(Object.entries(keys)), activeKeyId });

/** Flips one bit of the base64url part at `index` (0 = format) of a sealed value. */
function flipBit(sealed: string, index: number): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[index], 'base64url');
  bytes[0] ^= 0x01;
  parts[index] = bytes.toString('base64url');
  return parts.join('.');
}

describe('PiiCipher (AES-256-GCM)', () => {
  const cipher = cipherWith('k1', { k1: key1 });
  const context = 'users.name:3f1c2e9a-0000-4000-8000-000000000001';

  it('opens what it sealed, for any Unicode text', () => {
    for (const plaintext of ['Ada Lovelace', '', 'Zoë Ünal 李雷 🚀']) {
      expect(cipher.open(cipher.seal(plaintext, context), context)).toBe(plaintext);
    }
  });

  it('stores the key id beside a ciphertext that does not contain the plaintext', () => {
    const sealed = cipher.seal('ada@example.com', context);

    expect(sealed).toMatch(/^v1\.k1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(sealedKeyId(sealed)).toBe('k1');
    expect(sealed).not.toContain('ada');
    expect(Buffer.from(sealed.split('.')[4], 'base64url').toString('latin1')).not.toContain('ada');
  });

  it('uses a fresh random IV for every value, so equal plaintexts give different ciphertexts', () => {
    const sealed = Array.from({ length: 50 }, () => cipher.seal('same', context));

    expect(new Set(sealed).size).toBe(50);
    expect(new Set(sealed.map((s) => s.split('.')[2])).size).toBe(50);
  });

  it.each([
    ['the ciphertext', 4],
    ['the authentication tag', 3],
    ['the IV', 2],
  ])('detects a change to %s', (_part, index) => {
    const sealed = cipher.seal('Ada Lovelace', context);

    expect(() => cipher.open(flipBit(sealed, index), context)).toThrow(PiiDecryptionError);
  });

  it('refuses a value moved to another row or column (the context is authenticated)', () => {
    const sealed = cipher.seal('Ada Lovelace', context);

    expect(() => cipher.open(sealed, 'users.name:another-user')).toThrow(PiiDecryptionError);
    expect(() => cipher.open(sealed, context.replace('name', 'email'))).toThrow(PiiDecryptionError);
  });

  it('refuses truncated or foreign values with a PiiDecryptionError, never garbage', () => {
    const sealed = cipher.seal('Ada Lovelace', context);

    for (const broken of ['', 'Ada Lovelace', sealed.slice(0, 40), `${sealed}.extra`]) {
      expect(() => cipher.open(broken, context)).toThrow(PiiDecryptionError);
    }
    expect(() => cipher.open(sealed.replace(/^v1/, 'v9'), context)).toThrow(PiiDecryptionError);
  });

  it('after a rotation, writes with the new key and still reads values of the old key id', () => {
    const before = cipherWith('k1', { k1: key1 });
    const old = before.seal('Ada Lovelace', context);

    const rotated = cipherWith('k2', { k1: key1, k2: key2 });
    const fresh = rotated.seal('Grace Hopper', context);

    expect(sealedKeyId(fresh)).toBe('k2');
    expect(rotated.open(old, context)).toBe('Ada Lovelace');
    expect(rotated.open(fresh, context)).toBe('Grace Hopper');
    expect(() => before.open(fresh, context)).toThrow(/key k2 is not in the keyring/);
  });

  it('does not open a value whose key id was relabelled to another key', () => {
    const rotated = cipherWith('k2', { k1: key1, k2: key2 });
    const sealed = rotated.seal('Ada Lovelace', context);

    expect(() => rotated.open(sealed.replace('.k2.', '.k1.'), context)).toThrow(PiiDecryptionError);
  });
});
