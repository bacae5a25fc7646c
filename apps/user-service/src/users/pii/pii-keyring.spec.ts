import { randomBytes } from 'node:crypto';
import { parsePiiKeyring } from './pii-keyring';

const b64 = (bytes = 32) => randomBytes(bytes).toString('base64');

describe('parsePiiKeyring', () => {
  it('reads comma-separated id:base64 keys and the active id', () => {
    const k1 = b64();
    const k2 = b64();
    const parsed = parsePiiKeyring(`k1:${k1}, k2:${k2}`, 'k2');

    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.activeKeyId).toBe('k2');
    expect([...parsed.value.keys.keys()]).toEqual(['k1', 'k2']);
    expect(parsed.value.keys.get('k1')).toEqual(Buffer.from(k1, 'base64'));
  });

  it('names every bad entry without quoting key material', () => {
    const secret = b64(16);
    const parsed = parsePiiKeyring(`k1:${secret},k1:${b64()},:${b64()},bad id:${b64()},k3`, 'k1');

    expect(parsed).toEqual({
      ok: false,
      problems: [
        'key k1 must be the standard base64 of 32 bytes',
        'entry 3 needs an id of letters, digits, _ or - before ":"',
        'entry 4 needs an id of letters, digits, _ or - before ":"',
        'entry 5 needs an id of letters, digits, _ or - before ":"',
      ],
    });
    expect(JSON.stringify(parsed)).not.toContain(secret);
  });

  it('rejects a duplicate id, non-base64 text and an active id outside the keyring', () => {
    const key = b64();

    expect(parsePiiKeyring(`k1:${key},k1:${key}`, 'k1')).toEqual({
      ok: false,
      problems: ['key id k1 is listed twice'],
    });
    expect(parsePiiKeyring(`k1:${key.replace(/.$/, '!')}`, 'k1')).toMatchObject({ ok: false });
    expect(parsePiiKeyring(`k1:${key}`, 'k9')).toEqual({
      ok: false,
      problems: ['active key id k9 is not in the keyring'],
    });
  });
});
