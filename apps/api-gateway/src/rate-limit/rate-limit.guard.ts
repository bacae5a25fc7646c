import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { GatewayError } from '../problems/gateway.errors';

/**
 * `@nestjs/throttler`, counting per signed-in user when the `AuthGuard` ran before it (order
 * placement) and per client IP otherwise (auth routes); over the limit it raises
 * `RATE_LIMIT.EXCEEDED` with `Retry-After`.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    const { requester, ip } = request as unknown as AuthenticatedRequest;
    return Promise.resolve(requester ? `user:${requester.userId}` : `ip:${ip}`);
  }

  protected override throwThrottlingException(
    _context: ExecutionContext,
    { limit, ttl, timeToBlockExpire }: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new GatewayError(
      'RATE_LIMIT.EXCEEDED',
      `At most ${limit} requests per ${Math.round(ttl / 1000)} s; retry in ${timeToBlockExpire} s`,
      { headers: { 'Retry-After': String(timeToBlockExpire) } },
    );
  }
}
