import { ApiProperty } from '@nestjs/swagger';
import { LoginRequest } from '@polyshop/contracts';
import { documentFields } from '../../docs/document-fields';
import type { IssuedToken } from '../access-tokens';

/** `POST /auth/login`: the rules of `rpc.users.login`. */
export class LoginBody extends LoginRequest {}
documentFields(LoginBody, {
  email: { format: 'email', example: 'ada@example.com' },
  password: { maxLength: 128, example: 'correct horse battery' },
});

export class AccessTokenResponse implements IssuedToken {
  @ApiProperty({ description: 'HS256 JWT: `sub` is the user id, `role` user or admin' })
  accessToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ type: 'integer', description: 'Seconds until the token expires', example: 900 })
  expiresIn!: number;
}
