import { Body, Controller, Header, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RPC_PATTERNS, type RegisteredUser } from '@polyshop/contracts';
import { ApiProblem } from '../docs/problem.response';
import { RateLimit } from '../rate-limit/rate-limit.decorator';
import { RpcClient } from '../rpc/rpc.client';
import { AccessTokens, type IssuedToken } from './access-tokens';
import { AccessTokenResponse, LoginBody } from './dto/login.dto';
import { RegisterBody, RegisteredUserResponse } from './dto/register.dto';

@ApiTags('auth')
@ApiProblem(400, 'Invalid body')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly tokens: AccessTokens,
  ) {}

  @Post('register')
  @RateLimit('auth')
  @ApiOperation({ summary: 'Create an account (role user)' })
  @ApiCreatedResponse({ type: RegisteredUserResponse })
  @ApiProblem(409, 'Email already registered')
  register(@Body() body: RegisterBody): Promise<RegisteredUser> {
    return this.rpc.call(RPC_PATTERNS.USERS_REGISTER, body);
  }

  @Post('login')
  @HttpCode(HttpStatus.OK)
  // A bearer token must never sit in a cache (RFC 6749, 5.1).
  @Header('Cache-Control', 'no-store')
  @RateLimit('auth')
  @ApiOperation({ summary: 'Exchange credentials for a short-lived access token' })
  @ApiOkResponse({ type: AccessTokenResponse })
  @ApiProblem(401, 'Wrong email or password')
  async login(@Body() body: LoginBody): Promise<IssuedToken> {
    const user = await this.rpc.call(RPC_PATTERNS.USERS_LOGIN, body);
    return this.tokens.issue(user);
  }
}
