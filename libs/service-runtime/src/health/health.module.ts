import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { READINESS_INDICATORS, type ReadinessIndicator } from './readiness';

export interface HealthModuleOptions {
  /** Dependencies that `/health/ready` checks, e.g. the service's store and NATS. */
  indicators: Array<Type<ReadinessIndicator>>;
  imports?: DynamicModule['imports'];
}

/** `/health/live` and `/health/ready` (terminus) for every app. */
@Module({})
export class HealthModule {
  static forRoot({ indicators, imports = [] }: HealthModuleOptions): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false }), ...imports],
      controllers: [HealthController],
      providers: [
        ...indicators,
        {
          provide: READINESS_INDICATORS,
          inject: indicators,
          useFactory: (...resolved: ReadinessIndicator[]) => resolved,
        },
      ],
    };
  }
}
