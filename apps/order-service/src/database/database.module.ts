import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { withLockedMigrations } from '@polyshop/service-runtime';
import { DataSource } from 'typeorm';
import type { OrderServiceEnv } from '../config/order-service.env';
import { OrderItemEntity } from '../orders/persistence/order-item.entity';
import { OrderTimelineEntity } from '../orders/persistence/order-timeline.entity';
import { OrderEntity } from '../orders/persistence/order.entity';
import { MessagingTables1763700000000 } from './migrations/1763700000000-messaging-tables';
import { OrdersTables1763800000000 } from './migrations/1763800000000-orders-tables';
import { SagaConsole1765000000000 } from './migrations/1765000000000-saga-console';

/** order-service's own MariaDB/MySQL; the schema only changes through migrations. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<OrderServiceEnv, true>) => ({
        type: 'mysql',
        url: config.get('ORDER_DB_URL', { infer: true }),
        // Timestamps are stored and read as UTC whatever the server's zone.
        timezone: 'Z',
        charset: 'utf8mb4_unicode_ci',
        synchronize: false,
        migrations: [
          MessagingTables1763700000000,
          OrdersTables1763800000000,
          SagaConsole1765000000000,
        ],
        entities: [OrderEntity, OrderItemEntity, OrderTimelineEntity],
      }),
      // Migrations run once initialised, under a database lock: replicas booting together take
      // turns (TypeORM's migrationsRun takes no lock).
      dataSourceFactory: withLockedMigrations(DataSource, { dialect: 'mysql' }),
    }),
  ],
})
export class DatabaseModule {}
