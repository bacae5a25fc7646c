import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { validateEnv } from '@polyshop/config';
import { NatsHealthIndicator, NatsModule } from '@polyshop/messaging';
import { HealthModule } from '@polyshop/service-runtime';
import { UserServiceEnv } from './config/user-service.env';
import { DatabaseModule } from './database/database.module';
import { DatabaseHealthIndicator } from './health/database.health';

@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      cache: true,
      validate: validateEnv('user-service', UserServiceEnv),
    }),
    NatsModule.forRoot('user-service'),
    DatabaseModule,
    HealthModule.forRoot({ indicators: [DatabaseHealthIndicator, NatsHealthIndicator] }),
  ],
})
export class AppModule {}
