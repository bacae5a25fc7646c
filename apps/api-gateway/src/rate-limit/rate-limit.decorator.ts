import { applyDecorators, UseGuards } from '@nestjs/common';
import {} from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { ApiProblem } from '../docs/problem.response';
import { RATE_LIMITS, type RateLimitName } from './rate-limit.constants';
import { RateLimitGuard } from './rate-limit.guard';

/**
 * Applies the `name` rate limit (and no other) to a route. Put it above `@Auth()` so that the
 * auth guard runs first and the limit counts per user rather than per IP.
 */
export const RateLimit = (name: RateLimitName): MethodDecorator =>
  applyDecorators(
    SkipThrottle(Object.fromEntries(RATE_LIMITS.map((other) => [other, other !== name]))),
    UseGuards(RateLimitGuard),
    ApiProblem(429, 'Rate limit exceeded'),
  );
