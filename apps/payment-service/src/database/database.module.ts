import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { PaymentServiceEnv } from '../config/payment-service.env';

/** payment-service's own PostgreSQL server; the schema only changes through migrations. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<PaymentServiceEnv, true>) => ({
        type: 'postgres',
        url: config.get('PAYMENT_DB_URL', { infer: true }),
        applicationName: 'payment-service',
        synchronize: false,
        migrationsRun: true,
        migrations: [],
        entities: [],
      }),
    }),
  ],
})
export class DatabaseModule {}
