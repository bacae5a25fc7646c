import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RPC_PATTERNS, type UserProfile } from '@polyshop/contracts';
import type { Requester } from '../auth/access-tokens';
import { Auth, CurrentUser } from '../auth/auth.decorators';
import { ApiProblem } from '../docs/problem.response';
import { RpcClient } from '../rpc/rpc.client';
import { UserProfileResponse } from './dto/user-profile.dto';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('me')
  @Auth()
  @ApiOperation({ summary: "The caller's profile" })
  @ApiOkResponse({ type: UserProfileResponse })
  @ApiProblem(404, 'The account no longer exists')
  me(@CurrentUser() user: Requester): Promise<UserProfile> {
    return this.rpc.call(RPC_PATTERNS.USERS_GET_PROFILE, { userId: user.userId });
  }
}
