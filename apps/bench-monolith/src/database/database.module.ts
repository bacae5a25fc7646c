import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { withLockedMigrations } from '@polyshop/service-runtime';
import { DataSource } from 'typeorm';
import type { BenchMonolithEnv } from '../config/bench-monolith.env';
import { MonolithTables1765000000000 } from './migrations/1765000000000-monolith-tables';

/** The monolith's one PostgreSQL database; raw SQL only, so no entities. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<BenchMonolithEnv, true>) => ({
        type: 'postgres',
        url: config.get('BENCH_MONOLITH_DB_URL', { infer: true }),
        applicationName: 'bench-monolith',
        synchronize: false,
        migrations: [MonolithTables1765000000000],
      }),
      dataSourceFactory: withLockedMigrations(DataSource, { dialect: 'postgres' }),
    }),
  ],
})
export class DatabaseModule {}
