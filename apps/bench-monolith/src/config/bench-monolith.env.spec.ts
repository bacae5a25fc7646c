import { validateEnv } from '@polyshop/config';
import { expectDocumentedInEnvExample } from '@polyshop/testing';
import { BenchMonolithEnv } from './bench-monolith.env';

const validate = validateEnv('bench-monolith', BenchMonolithEnv);

describe('BenchMonolithEnv', () => {
  it('defaults to the local infrastructure, as documented in .env.example', () => {
    expectDocumentedInEnvExample(validate({}));
  });

  it('stops the boot naming every bad key', () => {
    const boot = () => validate({ BENCH_MONOLITH_DB_URL: 'mysql://x', JWT_SECRET: 'short' });
    expect(boot).toThrow(/^Invalid configuration for bench-monolith: 2 bad variable\(s\)/);
    expect(boot).toThrow(/BENCH_MONOLITH_DB_URL/);
    expect(boot).toThrow(/JWT_SECRET/);
  });
});
