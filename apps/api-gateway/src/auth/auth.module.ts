import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';
import type { ApiGatewayEnv } from '../config/api-gateway.env';
import { AccessTokens } from './access-tokens';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';

/** Register, login (token issue) and the guard every `@Auth()` route uses. */
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<ApiGatewayEnv, true>) => ({
        // A key object: given a string, jsonwebtoken first tries (and fails) to parse it as a
        // public key on every verify, which cost more than the rest of the check.
        secret: createSecretKey(Buffer.from(config.get('JWT_SECRET', { infer: true }))),
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AccessTokens, AuthGuard],
  exports: [AccessTokens, AuthGuard],
})
export class AuthModule {}
