import { randomBytes } from 'node:crypto';
import { EmailBlindIndex, normaliseEmail } from './email-blind-index';

describe('email blind index', () => {
  const index = new EmailBlindIndex(randomBytes(32));

  it('normalises case, surrounding spaces and Unicode composition', () => {
    expect(normaliseEmail('  Ada.Lovelace@Example.COM ')).toBe('ada.lovelace@example.com');
    expect(normaliseEmail('Zoe\u0301@example.com')).toBe(normaliseEmail('zo\u00e9@example.com'));
  });

  it('gives one 32-byte digest to every spelling of the same address', () => {
    const digest = index.of('ada@example.com');

    expect(digest).toHaveLength(32);
    expect(index.of('ADA@Example.com')).toEqual(digest);
    expect(index.of(' ada@example.com\t')).toEqual(digest);
  });

  it('keeps different addresses apart, dots included', () => {
    expect(index.of('ada@example.com')).not.toEqual(index.of('a.da@example.com'));
    expect(index.of('ada@example.com')).not.toEqual(index.of('ada@example.org'));
  });

  it('depends on the key: another key gives another digest (no unkeyed hash to guess)', () => {
    const other = new EmailBlindIndex(randomBytes(32));

    expect(other.of('ada@example.com')).not.toEqual(index.of('ada@example.com'));
  });
});
