import { isConnectionError } from './connection-error';

const withCode = (code: unknown) => Object.assign(new Error('socket'), { code });

describe('isConnectionError', () => {
  it.each(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND'])(
    'says a socket error %s means the peer is not reachable',
    (code) => {
      expect(isConnectionError(withCode(code))).toBe(true);
    },
  );

  it.each([
    ['a server error code', withCode('23505')],
    ['a numeric code', withCode(11000)],
    ['an error without a code', new Error('ECONNREFUSED in the text only')],
    ['a string', 'ECONNREFUSED'],
    ['null', null],
  ])('says %s is not a connection error', (_, error) => {
    expect(isConnectionError(error)).toBe(false);
  });
});
