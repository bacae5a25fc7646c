import { createHmac } from 'node:crypto';

/**
 * The form of an email that the blind index is computed on: trimmed, Unicode NFC, lower case.
 * Two spellings that differ only by case or surrounding spaces are the same account.
 */
export function normaliseEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}

/**
 * Keyed blind index of emails: HMAC-SHA256 of the normalised email. The table stores only this
 * digest (unique) and the encrypted email, so a lookup by email needs the key, and a stolen
 * table gives no list of addresses to guess against offline without it.
 */
export class EmailBlindIndex {
  constructor(private readonly key: Buffer) {}

  of(email: string): Buffer {
    return createHmac('sha256', this.key).update(normaliseEmail(email), 'utf8').digest();
  }
}
