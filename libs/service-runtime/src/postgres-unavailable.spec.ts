import { isPostgresUnavailable } from './postgres-unavailable';

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe('isPostgresUnavailable', () => {
  it.each([
    ['a refused socket', withCode('ECONNREFUSED')],
    ['the server shutting down (57P01)', withCode('57P01')],
    ['too many connections (53300)', withCode('53300')],
    ['a connection exception (class 08)', withCode('08006')],
    ['a dropped connection, said in words', new Error('Connection terminated unexpectedly')],
    ['a pool that cannot connect', new Error('timeout exceeded when trying to connect')],
    [
      "TypeORM's QueryFailedError around a driver error",
      Object.assign(new Error('query failed'), { driverError: withCode('57P03') }),
    ],
  ])('is true for %s', (_what, error) => {
    expect(isPostgresUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation (23505)', withCode('23505')],
    ['a syntax error (42601)', withCode('42601')],
    ['a plain error', new Error('bug')],
    ['not an error', 'down'],
    ['null', null],
  ])('is false for %s', (_what, error) => {
    expect(isPostgresUnavailable(error)).toBe(false);
  });
});
