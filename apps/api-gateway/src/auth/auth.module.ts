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
        secret: config.get('JWT_SECRET', { infer: true }),
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
