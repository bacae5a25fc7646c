import { IsInt, IsUrl, Max, Min } from 'class-validator';
import { LOCAL_URLS } from './local-infra';
import { ServiceEnv } from './service-env';
import { InvalidEnvironmentError, validateEnv } from './validate-env';

class ExampleEnv extends ServiceEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  EXAMPLE_HTTP_PORT: number = 3999;

  @IsUrl({ protocols: ['postgres'], require_tld: false, require_protocol: true })
  EXAMPLE_DB_URL = 'postgres://u:p@127.0.0.1:5432/db';
}

const validate = validateEnv('example-service', ExampleEnv);

const failureOf = (raw: Record<string, unknown>): InvalidEnvironmentError => {
  try {
    validate(raw);
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) return error;
    throw error;
  }
  throw new Error('validation unexpectedly passed');
};

describe('validateEnv', () => {
  it('falls back to the local infrastructure when nothing is set', () => {
    const env = validate({});
    expect(env.NATS_URL).toBe(LOCAL_URLS.nats);
    expect(env.EXAMPLE_HTTP_PORT).toBe(3999);
  });

  it('converts numeric strings from the environment into numbers', () => {
    expect(validate({ EXAMPLE_HTTP_PORT: '4100' }).EXAMPLE_HTTP_PORT).toBe(4100);
  });

  it('takes overrides of every endpoint', () => {
    const env = validate({ NATS_URL: 'nats://nats.polyshop:4222', HTTP_HOST: '0.0.0.0' });
    expect(env.NATS_URL).toBe('nats://nats.polyshop:4222');
    expect(env.HTTP_HOST).toBe('0.0.0.0');
  });

  it('takes a NATS URL with a user and a percent-encoded password', () => {
    const url = `nats://payment-service:${encodeURIComponent('p@ss:w/rd')}@nats:4222`;
    expect(validate({ NATS_URL: url }).NATS_URL).toBe(url);
  });

  it('refuses a NATS URL whose credentials do not decode, without echoing them', () => {
    const error = failureOf({ NATS_URL: 'nats://svc:secret%zz@nats:4222' });
    expect(error.problems).toEqual([
      { key: 'NATS_URL', reasons: [expect.stringContaining('percent-encoding')] },
    ]);
    expect(error.message).not.toContain('secret');
  });

  it('provisions streams with one replica unless told, and at most five', () => {
    expect(validate({}).NATS_STREAM_REPLICAS).toBe(1);
    expect(validate({ NATS_STREAM_REPLICAS: '3' }).NATS_STREAM_REPLICAS).toBe(3);
    for (const replicas of ['0', '6', '2.5']) {
      expect(failureOf({ NATS_STREAM_REPLICAS: replicas }).problems.map((p) => p.key)).toEqual([
        'NATS_STREAM_REPLICAS',
      ]);
    }
  });

  it('names every bad key in one error, without echoing values', () => {
    const error = failureOf({
      EXAMPLE_HTTP_PORT: 'eighty',
      EXAMPLE_DB_URL: 'mysql://secret-password@db/x',
      NATS_URL: 'not a url',
    });
    expect(error.problems.map((p) => p.key).sort()).toEqual([
      'EXAMPLE_DB_URL',
      'EXAMPLE_HTTP_PORT',
      'NATS_URL',
    ]);
    expect(error.message).toContain('example-service');
    expect(error.message).toMatch(
      /EXAMPLE_HTTP_PORT.*EXAMPLE_DB_URL|EXAMPLE_DB_URL.*EXAMPLE_HTTP_PORT/,
    );
    expect(error.message).not.toContain('secret-password');
  });

  it('rejects a port outside the TCP range', () => {
    expect(failureOf({ EXAMPLE_HTTP_PORT: '70000' }).problems).toEqual([
      { key: 'EXAMPLE_HTTP_PORT', reasons: [expect.stringContaining('65535')] },
    ]);
  });
});
