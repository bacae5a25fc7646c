import { createHmac } from 'node:crypto';
import fc, { type Arbitrary } from 'fast-check';
import type { Caller } from './request-arbitraries';

const base64url = (value: string) => Buffer.from(value).toString('base64url');
const hs256 = (key: string, input: string) =>
  createHmac('sha256', key).update(input).digest('base64url');
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A JWT with this header and these claims, signed by `sign` (an empty signature if none). */
function jwt(header: object, claims: object, sign?: (input: string) => string): string {
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  return `${input}.${sign?.(input) ?? ''}`;
}

/** What an attacker knows of a real user, and the signing key where a forgery needs it. */
export interface Victim {
  userId: string;
  /** One of the victim's real access tokens. */
  token: string;
  /**
   * The gateway's HS256 key: signs tokens that are well-formed and correctly signed but expired,
   * not yet valid or naming no valid user, so that only those rules can refuse them.
   */
  jwtSecret: string;
}

const bearer = (token: string) => `Bearer ${token}`;

/**
 * Authorization headers the gateway must refuse with 401: garbage, other schemes, `alg: none`,
 * a wrong key, another algorithm, a tampered or truncated real token, and tokens signed with
 * the right key but expired, not yet valid or with claims that name no valid user.
 */
export function forgedCallers({ userId, token, jwtSecret }: Victim): Arbitrary<Caller> {
  const claims = fc
    .constantFrom('user', 'admin')
    .map((role) => ({ sub: userId, role, iat: nowSeconds(), exp: nowSeconds() + 900 }));
  const [header, payload, signature] = token.split('.');
  const forgeries: Record<string, Arbitrary<string>> = {
    garbage: fc.string({ maxLength: 80 }),
    'another scheme': fc.constantFrom(
      'Bearer',
      'Bearer ',
      'Basic dXNlcjpwYXNz',
      `Token ${token}`,
      `Bearer  ${token}`,
      `Bearer ${token} x`,
      'Bearer null',
      'Bearer a.b.c',
    ),
    'random bearer': fc.stringMatching(/^[A-Za-z0-9\-_.~+/]{1,200}=*$/).map(bearer),
    'alg none': fc
      .tuple(fc.constantFrom('none', 'None', 'NONE'), claims, fc.constantFrom('', signature))
      .map(([alg, body, sig]) => bearer(jwt({ alg, typ: 'JWT' }, body).concat(sig))),
    'wrong key': fc
      .tuple(
        fc.string({ minLength: 1, maxLength: 64 }).filter((key) => key !== jwtSecret),
        claims,
      )
      .map(([key, body]) =>
        bearer(jwt({ alg: 'HS256', typ: 'JWT' }, body, (input) => hs256(key, input))),
      ),
    'another algorithm': fc
      .tuple(fc.constantFrom('RS256', 'ES256', 'PS256', 'EdDSA'), claims)
      .map(([alg, body]) =>
        bearer(jwt({ alg, typ: 'JWT' }, body, (input) => hs256(jwtSecret, input))),
      ),
    tampered: claims.map((body) =>
      bearer(`${header}.${base64url(JSON.stringify(body))}.${signature}`),
    ),
    truncated: fc
      .integer({ min: 1, max: signature.length })
      .map((cut) => bearer(token.slice(0, token.length - cut))),
    'one character changed': fc.nat({ max: signature.length - 2 }).map((i) => {
      const changed = signature[i] === 'A' ? 'B' : 'A';
      return bearer(
        `${header}.${payload}.${signature.slice(0, i)}${changed}${signature.slice(i + 1)}`,
      );
    }),
    expired: fc
      .tuple(claims, fc.integer({ min: 1, max: 10_000_000 }))
      .map(([body, ago]) =>
        bearer(
          jwt(
            { alg: 'HS256', typ: 'JWT' },
            { ...body, iat: body.iat - ago - 900, exp: body.iat - ago },
            (input) => hs256(jwtSecret, input),
          ),
        ),
      ),
    'not yet valid': claims.map((body) =>
      bearer(
        jwt({ alg: 'HS256', typ: 'JWT' }, { ...body, nbf: body.iat + 3_600 }, (input) =>
          hs256(jwtSecret, input),
        ),
      ),
    ),
    'no valid user': fc
      .tuple(
        claims,
        fc.constantFrom<object>(
          { sub: 'not-a-uuid' },
          { sub: 42 },
          { sub: undefined },
          { role: 'root' },
          { role: undefined },
          { role: ['admin'] },
        ),
      )
      .map(([body, change]) =>
        bearer(
          jwt({ alg: 'HS256', typ: 'JWT' }, { ...body, ...change }, (input) =>
            hs256(jwtSecret, input),
          ),
        ),
      ),
  };
  return fc.oneof(
    ...Object.entries(forgeries).map(([forgery, authorization]) =>
      authorization.map((value): Caller => ({ forgery, authorization: value })),
    ),
  );
}
