import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { validateEnv } from '@polyshop/config';
import { HealthModule } from '@polyshop/service-runtime';
import { BenchMonolithEnv } from './config/bench-monolith.env';
import { DatabaseModule } from './database/database.module';
import { DatabaseHealthIndicator } from './health/database.health';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { createValidationPipe } from './http/validation.pipe';
import { OrdersModule } from './orders/orders.module';

@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      cache: true,
      validate: validateEnv('bench-monolith', BenchMonolithEnv),
    }),
    DatabaseModule,
    OrdersModule,
    HealthModule.forRoot({ indicators: [DatabaseHealthIndicator] }),
  ],
  providers: [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
  ],
})
export class AppModule {}
