import {
  applyDecorators,
  createParamDecorator,
  SetMetadata,
  UseGuards,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { UserRole } from '@polyshop/contracts';
import { ApiProblem } from '../docs/problem.response';
import type { Requester } from './access-tokens';
import { AuthGuard, ROLES_KEY, type AuthenticatedRequest } from './auth.guard';

/**
 * The route needs a valid access token; with `roles`, of one of those roles (`@Auth('admin')`).
 * Without, any signed-in user (either role) may call it.
 */
export const Auth = (...roles: UserRole[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    UseGuards(AuthGuard),
    ApiBearerAuth(),
    ApiProblem(401, 'No valid access token'),
    ...(roles.length > 0 ? [ApiProblem(403, `Not ${roles.join(' or ')}`)] : []),
  );

/** The requester the `AuthGuard` read from the token. */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const { requester } = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!requester) throw new Error('@CurrentUser() on a route without @Auth()');
  return requester satisfies Requester;
});
