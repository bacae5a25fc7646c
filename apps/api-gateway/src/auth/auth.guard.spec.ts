import { randomUUID } from 'node:crypto';
import { Controller, Get, type ExecutionContext } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { ApiGatewayEnv } from '../config/api-gateway.env';
import { GatewayError } from '../problems/gateway.errors';
import { AccessTokens } from './access-tokens';
import { Auth } from './auth.decorators';
import { AuthGuard, type AuthenticatedRequest } from './auth.guard';

const SECRET = 'a-unit-test-secret-of-at-least-32-characters';

@Controller()
class Routes {
  @Get()
  @Auth()
  anyone(): string {
    return 'anyone';
  }

  @Get()
  @Auth('admin')
  adminOnly(): string {
    return 'admin';
  }
}

const jwt = new JwtService({
  secret: SECRET,
  signOptions: { algorithm: 'HS256' },
  verifyOptions: { algorithms: ['HS256'] },
});
const config = { get: () => 900 } as unknown as ConfigService<ApiGatewayEnv, true>;
const tokens = new AccessTokens(jwt, config);
const guard = new AuthGuard(tokens, new Reflector());

function contextFor(route: 'anyone' | 'adminOnly', authorization?: string) {
  const request = { headers: authorization ? { authorization } : {} } as AuthenticatedRequest;
  const context = {
    switchToHttp: () => ({ getRequest: () => request }),
    getHandler: () => Object.getOwnPropertyDescriptor(Routes.prototype, route)?.value as unknown,
    getClass: () => Routes,
  } as unknown as ExecutionContext;
  return { context, request };
}

const codeOf = async (work: Promise<unknown>): Promise<string> => {
  try {
    await work;
    return 'passed';
  } catch (error) {
    if (error instanceof GatewayError) return String(error.code);
    throw error;
  }
};

describe('AuthGuard', () => {
  const userId = randomUUID();

  it('lets a valid token of any role through a plain @Auth() route and records the requester', async () => {
    const { accessToken } = await tokens.issue({ userId, role: 'user' });
    const { context, request } = contextFor('anyone', `Bearer ${accessToken}`);

    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(request.requester).toEqual({ userId, role: 'user' });
  });

  it('lets an admin through an @Auth("admin") route', async () => {
    const { accessToken } = await tokens.issue({ userId, role: 'admin' });

    await expect(
      guard.canActivate(contextFor('adminOnly', `Bearer ${accessToken}`).context),
    ).resolves.toBe(true);
  });

  it('refuses a user on an @Auth("admin") route with AUTH.FORBIDDEN', async () => {
    const { accessToken } = await tokens.issue({ userId, role: 'user' });
    const { context, request } = contextFor('adminOnly', `Bearer ${accessToken}`);

    expect(await codeOf(guard.canActivate(context))).toBe('AUTH.FORBIDDEN');
    expect(request.requester).toBeUndefined();
  });

  it.each([
    ['no Authorization header', undefined],
    ['another scheme', 'Basic YWRhOnNlY3JldA=='],
    ['an empty bearer', 'Bearer '],
    ['garbage', 'Bearer not.a.jwt'],
  ])('refuses %s with AUTH.UNAUTHENTICATED', async (_, authorization) => {
    expect(await codeOf(guard.canActivate(contextFor('anyone', authorization).context))).toBe(
      'AUTH.UNAUTHENTICATED',
    );
  });

  it.each([
    ['an expired token', () => jwt.sign({ role: 'user' }, { subject: userId, expiresIn: -1 })],
    ['a subject that is not a user id', () => jwt.sign({ role: 'user' }, { subject: 'root' })],
    ['an unknown role', () => jwt.sign({ role: 'root' }, { subject: userId })],
    ['no role', () => jwt.sign({}, { subject: userId })],
    [
      'another signing key',
      () =>
        new JwtService({ secret: `${SECRET}-other` }).sign({ role: 'admin' }, { subject: userId }),
    ],
    [
      'HS512 instead of HS256',
      () => jwt.sign({ role: 'admin' }, { subject: userId, algorithm: 'HS512' }),
    ],
  ])('refuses %s with AUTH.UNAUTHENTICATED', async (_, token) => {
    const { context } = contextFor('anyone', `Bearer ${token()}`);

    expect(await codeOf(guard.canActivate(context))).toBe('AUTH.UNAUTHENTICATED');
  });

  it('issues HS256 tokens naming the user and role that expire after JWT_TTL_SECONDS', async () => {
    const issued = await tokens.issue({ userId, role: 'admin' });

    const [header] = issued.accessToken.split('.');
    const claims = jwt.decode<{ sub: string; role: string; iat: number; exp: number }>(
      issued.accessToken,
    );
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toMatchObject({
      alg: 'HS256',
    });
    expect(claims).toMatchObject({ sub: userId, role: 'admin' });
    expect(claims.exp - claims.iat).toBe(900);
    expect(issued).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
  });
});
