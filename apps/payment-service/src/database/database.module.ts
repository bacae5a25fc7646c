import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { withLockedMigrations } from '@polyshop/service-runtime';
import { DataSource } from 'typeorm';
import type { PaymentServiceEnv } from '../config/payment-service.env';
import { PaymentEntity } from '../payments/persistence/payment.entity';
import { PaymentsTables1764000000000 } from '../payments/persistence/migrations/1764000000000-payments-tables';
import { PaymentTimeline1765000000000 } from '../payments/persistence/migrations/1765000000000-payment-timeline';
import { RefundEntity } from '../payments/persistence/refund.entity';
import { PspSimulatorTables1764000000001 } from '../psp/persistence/migrations/1764000000001-psp-simulator-tables';
import { MessagingTables1763700000000 } from './migrations/1763700000000-messaging-tables';

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
        migrations: [
          MessagingTables1763700000000,
          PaymentsTables1764000000000,
          PspSimulatorTables1764000000001,
          PaymentTimeline1765000000000,
        ],
        entities: [PaymentEntity, RefundEntity],
      }),
      // Migrations run once initialised, under a database lock: replicas booting together take
      // turns (TypeORM's migrationsRun takes no lock).
      dataSourceFactory: withLockedMigrations(DataSource, { dialect: 'postgres' }),
    }),
  ],
})
export class DatabaseModule {}
