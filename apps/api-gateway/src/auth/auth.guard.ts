import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { UserRole } from '@polyshop/contracts';
import type { FastifyRequest } from 'fastify';
import { GatewayError } from '../problems/gateway.errors';
import { AccessTokens, type Requester } from './access-tokens';

/** Metadata key of the roles a route admits (empty: any signed-in user). */
export const ROLES_KEY = 'polyshop:roles';

/** A request that went through the `AuthGuard`. */
export type AuthenticatedRequest = FastifyRequest & { requester?: Requester };

const BEARER = /^Bearer ([A-Za-z0-9\-_.~+/]+=*)$/i;

/**
 * Lets a request through when it carries a valid bearer token (401 otherwise) of a role the
 * route admits (403 otherwise), and records the requester on it for `@CurrentUser()`.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly tokens: AccessTokens,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (token === undefined) {
      throw new GatewayError('AUTH.UNAUTHENTICATED', 'A bearer access token is required');
    }
    const requester = await this.tokens.verify(token);
    const roles =
      this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES_KEY, [
        context.getHandler(),
        context.getClass(),
      ]) ?? [];
    if (roles.length > 0 && !roles.includes(requester.role)) {
      throw new GatewayError('AUTH.FORBIDDEN', `Only ${roles.join(' or ')} may do this`);
    }
    request.requester = requester;
    return true;
  }
}
