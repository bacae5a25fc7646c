import { Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { activeTracer, startTracing, type Tracing } from './tracing';

/** Holds the tracing an app started, to stop it once the app has closed. */
class TracingLifecycle implements OnApplicationShutdown {
  constructor(private readonly tracing: Tracing | undefined) {}

  /** Last of the shutdown: consumers have drained by now, so no span is left open. */
  async onApplicationShutdown(): Promise<void> {
    await this.tracing?.shutdown();
  }
}

/**
 * Starts OpenTelemetry tracing for an app (see `startTracing`) when its config names an
 * `OTEL_EXPORTER_OTLP_ENDPOINT`, and exports what is left when the app closes. Tracing that
 * something else in the process started already (a test, another app) is left to its owner.
 * `createServiceApp` imports it.
 */
@Module({})
export class TracingModule {
  static forRoot(service: string): DynamicModule {
    return {
      module: TracingModule,
      providers: [
        {
          provide: TracingLifecycle,
          inject: [{ token: ConfigService, optional: true }],
          useFactory: (config?: ConfigService) =>
            new TracingLifecycle(
              activeTracer() === undefined
                ? startTracing({
                    serviceName: service,
                    endpoint: config?.get<string>('OTEL_EXPORTER_OTLP_ENDPOINT') ?? '',
                  })
                : undefined,
            ),
        },
      ],
    };
  }
}
