import { Module, type DynamicModule } from '@nestjs/common';
import { MetricsRegistry } from './metrics-registry';

/**
 * The app's `MetricsRegistry`, global so that any module registers its metrics in it.
 * `createServiceApp` imports it and serves the registry at `GET /metrics`.
 */
@Module({})
export class MetricsModule {
  static forRoot(service: string): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      providers: [{ provide: MetricsRegistry, useValue: new MetricsRegistry(service) }],
      exports: [MetricsRegistry],
    };
  }
}
