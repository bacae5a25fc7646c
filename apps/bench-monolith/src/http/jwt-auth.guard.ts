import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { isUUID } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { MonolithError } from './monolith.errors';

/** A request whose bearer token the guard accepted: `userId` is the token's subject. */
export type AuthenticatedRequest = FastifyRequest & { userId?: string };

const BEARER = /^Bearer ([A-Za-z0-9\-_.~+/]+=*)$/i;

/** The gateway's check: a valid, unexpired HS256 bearer token naming a user id, else 401. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(private readonly jwt: JwtService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (token === undefined) {
      throw new MonolithError('AUTH.UNAUTHENTICATED', 'A bearer access token is required');
    }
    let sub: unknown;
    try {
      ({ sub } = await this.jwt.verifyAsync<{ sub?: unknown }>(token));
    } catch {
      throw new MonolithError('AUTH.UNAUTHENTICATED', 'The access token is invalid or expired');
    }
    if (typeof sub !== 'string' || !isUUID(sub)) {
      throw new MonolithError('AUTH.UNAUTHENTICATED', 'The access token names no valid user');
    }
    request.userId = sub;
    return true;
  }
}
