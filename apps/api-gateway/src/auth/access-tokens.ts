import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { USER_ROLES, type AuthenticatedUser, type RequesterDto } from '@polyshop/contracts';
import { isUUID } from 'class-validator';
import type { ApiGatewayEnv } from '../config/api-gateway.env';
import { GatewayError } from '../problems/gateway.errors';

/** The caller a valid token names: what the services get as `requester`. */
export type Requester = Pick<RequesterDto, 'userId' | 'role'>;

/** The answer of `POST /auth/login`. */
export interface IssuedToken {
  readonly accessToken: string;
  readonly tokenType: 'Bearer';
  /** Seconds until the token expires. */
  readonly expiresIn: number;
}

const isRole = (value: unknown): value is Requester['role'] =>
  (USER_ROLES as readonly unknown[]).includes(value);

/** Issues and checks the short-lived HS256 access tokens (`sub` = user id, `role`). */
@Injectable()
export class AccessTokens {
  private readonly ttlSeconds: number;

  constructor(
    private readonly jwt: JwtService,
    config: ConfigService<ApiGatewayEnv, true>,
  ) {
    this.ttlSeconds = config.get('JWT_TTL_SECONDS', { infer: true });
  }

  async issue(user: AuthenticatedUser): Promise<IssuedToken> {
    const accessToken = await this.jwt.signAsync(
      { role: user.role },
      { subject: user.userId, expiresIn: this.ttlSeconds },
    );
    return { accessToken, tokenType: 'Bearer', expiresIn: this.ttlSeconds };
  }

  /** The requester of a valid, unexpired token; `AUTH.UNAUTHENTICATED` for anything else. */
  async verify(token: string): Promise<Requester> {
    let claims: Record<string, unknown>;
    try {
      claims = await this.jwt.verifyAsync<Record<string, unknown>>(token);
    } catch {
      throw new GatewayError('AUTH.UNAUTHENTICATED', 'The access token is invalid or expired');
    }
    const { sub, role } = claims;
    if (typeof sub !== 'string' || !isUUID(sub) || !isRole(role)) {
      throw new GatewayError('AUTH.UNAUTHENTICATED', 'The access token names no valid user');
    }
    return { userId: sub, role };
  }
}
