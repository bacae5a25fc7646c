import { sessionOf } from './session';

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const tokenWith = (claims: object) => `${encode({ alg: 'HS256' })}.${encode(claims)}.signature`;

describe('the session read from an access token', () => {
  it('reads the user id and the role', () => {
    const token = tokenWith({ sub: 'u-1', role: 'admin', exp: 1 });
    expect(sessionOf(token)).toEqual({ token, userId: 'u-1', role: 'admin' });
  });

  it.each([
    ['no payload', 'abc'],
    ['a payload that is not JSON', 'a.bm90IGpzb24.c'],
    ['an unknown role', tokenWith({ sub: 'u-1', role: 'root' })],
    ['no subject', tokenWith({ role: 'user' })],
  ])('is null for a token with %s', (_, token) => {
    expect(sessionOf(token)).toBeNull();
  });
});
