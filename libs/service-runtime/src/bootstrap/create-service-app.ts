import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { natsConnectionOptions } from '@polyshop/config';
import { MetricsModule, ServiceLoggingModule, TracingModule } from '@polyshop/observability';
import { Logger } from 'nestjs-pino';
import { serveMetrics } from '../http/metrics-routes';
import {
  answerClientError,
  answerFrameworkError,
  MAX_PATH_PARAM_LENGTH,
} from '../http/server-refusals';

export interface ServiceAppOptions {
  /** App name: NATS client name and queue group of its request/reply handlers. */
  name: string;
  /** Serve core-NATS request/reply (`@MessagePattern`). False for the gateway, which only calls. */
  rpcServer: boolean;
  /** Connects further transports that start with the app, e.g. its JetStream consumers. */
  connect?: (app: NestFastifyApplication) => void;
}

/** Largest HTTP body any app accepts; bigger ones get 413 before any parsing. */
export const HTTP_BODY_LIMIT_BYTES = 256 * 1024;

/** The root of every app: its own module plus the logging, metrics and tracing every app has. */
@Module({})
class ServiceRootModule {
  static of(module: Type<unknown>, name: string): DynamicModule {
    return {
      module: ServiceRootModule,
      imports: [
        ServiceLoggingModule.forRoot(name),
        MetricsModule.forRoot(name),
        TracingModule.forRoot(name),
        module,
      ],
    };
  }
}

/**
 * Builds the hybrid app (Fastify HTTP + NATS request/reply) without listening, so that tests
 * start it exactly as production does, on a port of their choosing. What the HTTP server
 * refuses before Nest sees the request (unreadable HTTP, a malformed path) is answered with
 * problem details too, as everything after it is. Every app logs through pino (structured,
 * with the message context; the boot's lines are buffered until pino takes over) and serves
 * Prometheus metrics at `GET /metrics`.
 */
export async function createServiceApp(
  module: Type<unknown>,
  { name, rpcServer, connect }: ServiceAppOptions,
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    ServiceRootModule.of(module, name),
    new FastifyAdapter({
      bodyLimit: HTTP_BODY_LIMIT_BYTES,
      routerOptions: { maxParamLength: MAX_PATH_PARAM_LENGTH },
      clientErrorHandler: answerClientError,
      frameworkErrors: answerFrameworkError,
    }),
    { abortOnError: false, bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  serveMetrics(app);
  if (rpcServer) {
    const config = app.get(ConfigService);
    app.connectMicroservice<MicroserviceOptions>(
      {
        transport: Transport.NATS,
        options: {
          name: `${name}-rpc`,
          // As the app's NATS user, like its shared connection (NatsModule).
          ...natsConnectionOptions(config.getOrThrow<string>('NATS_URL')),
          queue: name,
          waitOnFirstConnect: true,
          maxReconnectAttempts: -1,
          reconnectTimeWait: 250,
        },
      },
      { inheritAppConfig: true },
    );
  }
  connect?.(app);
  app.enableShutdownHooks();
  return app;
}
