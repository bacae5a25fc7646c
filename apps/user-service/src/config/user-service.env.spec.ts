import { randomBytes } from 'node:crypto';
import { validateEnv } from '@polyshop/config';
import { expectDocumentedInEnvExample } from '@polyshop/testing';
import { DEVELOPMENT_SECRETS, UserServiceEnv } from './user-service.env';

const validate = validateEnv('user-service', UserServiceEnv);
const key = () => randomBytes(32).toString('base64');
const productionSecrets = () => ({
  NODE_ENV: 'production',
  USER_PII_KEYS: `k1:${key()}`,
  USER_PII_ACTIVE_KEY_ID: 'k1',
  USER_EMAIL_INDEX_KEY: key(),
  ADMIN_EMAIL: 'root@shop.example',
  ADMIN_PASSWORD: 'a long production password',
});

describe('UserServiceEnv', () => {
  it('defaults to the local infrastructure, as documented in .env.example', () => {
    expectDocumentedInEnvExample(validate({}));
  });

  it('stops the boot naming every bad key', () => {
    const boot = () => validate({ USER_DB_URL: 'mysql://127.0.0.1/users', NATS_URL: 'localhost' });
    expect(boot).toThrow(/^Invalid configuration for user-service: 2 bad variable\(s\)/);
    expect(boot).toThrow(/USER_DB_URL/);
    expect(boot).toThrow(/NATS_URL/);
  });

  it('takes a keyring of several keys with any of them active', () => {
    const env = validate({
      USER_PII_KEYS: `old:${key()}, new:${key()}`,
      USER_PII_ACTIVE_KEY_ID: 'new',
    });

    expect(env.USER_PII_ACTIVE_KEY_ID).toBe('new');
  });

  it('rejects malformed keys and a bad admin email, without echoing secrets', () => {
    const short = randomBytes(16).toString('base64');
    const boot = () =>
      validate({
        USER_PII_KEYS: `k1:${short}`,
        USER_EMAIL_INDEX_KEY: short,
        ADMIN_EMAIL: 'not an email',
      });
    expect(boot).toThrow(/3 bad variable\(s\)/);
    expect(boot).toThrow(/USER_PII_KEYS.*key k1 must be the standard base64 of 32 bytes/);
    expect(boot).toThrow(/USER_EMAIL_INDEX_KEY must be the standard base64 of at least 32 bytes/);
    expect(boot).toThrow(/ADMIN_EMAIL must be an email/);
    expect(boot).not.toThrow(short);
  });

  it('rejects an active key id that is not in the keyring', () => {
    expect(() => validate({ USER_PII_KEYS: `k1:${key()}`, USER_PII_ACTIVE_KEY_ID: 'k2' })).toThrow(
      /1 bad variable\(s\): USER_PII_ACTIVE_KEY_ID .*must be the id of one of the keys/,
    );
  });

  it('seeds no admin when both admin variables are empty, but refuses only one of them', () => {
    const env = validate({ ADMIN_EMAIL: '', ADMIN_PASSWORD: '' });
    expect([env.ADMIN_EMAIL, env.ADMIN_PASSWORD]).toEqual(['', '']);

    expect(() => validate({ ADMIN_PASSWORD: '' })).toThrow(/1 bad variable\(s\): ADMIN_PASSWORD/);
  });

  it('refuses the development-only secrets in production, and accepts real ones there', () => {
    const boot = () => validate({ NODE_ENV: 'production' });
    expect(boot).toThrow(/3 bad variable\(s\)/);
    for (const name of ['USER_PII_KEYS', 'USER_EMAIL_INDEX_KEY', 'ADMIN_PASSWORD']) {
      expect(boot).toThrow(new RegExp(`${name} is the development-only default`));
    }
    expect(boot).not.toThrow(DEVELOPMENT_SECRETS.emailIndexKey);

    expect(validate(productionSecrets()).ADMIN_EMAIL).toBe('root@shop.example');
  });
});
