import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';
import type { BenchMonolithEnv } from '../config/bench-monolith.env';
import { JwtAuthGuard } from '../http/jwt-auth.guard';
import { OrdersController } from './orders.controller';
import { PlaceOrderUseCase } from './place-order.use-case';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<BenchMonolithEnv, true>) => ({
        // As the gateway's: a key object spares jsonwebtoken a failed key parse per verify.
        secret: createSecretKey(Buffer.from(config.get('JWT_SECRET', { infer: true }))),
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [OrdersController],
  providers: [PlaceOrderUseCase, JwtAuthGuard],
})
export class OrdersModule {}
