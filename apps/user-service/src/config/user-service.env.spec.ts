import { validateEnv } from '@polyshop/config';
import { expectDocumentedInEnvExample } from '@polyshop/testing';
import { UserServiceEnv } from './user-service.env';

const validate = validateEnv('user-service', UserServiceEnv);

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
});
