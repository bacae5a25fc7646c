import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ServiceEnv, type LogFormat, type LogLevel } from '@polyshop/config';
import { LoggerModule } from 'nestjs-pino';
import { loggerParams } from './logging.options';

const DEFAULTS = new ServiceEnv();

/**
 * Structured logging for an app (nestjs-pino): `LOG_LEVEL` and `LOG_FORMAT` from its validated
 * config, or their defaults where the app has no config (test modules). Make it the app's
 * logger with `app.useLogger(app.get(Logger))` (`createServiceApp` does), so that every Nest
 * `Logger` writes through pino.
 */
@Module({})
export class ServiceLoggingModule {
  static forRoot(service: string): DynamicModule {
    return {
      module: ServiceLoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [{ token: ConfigService, optional: true }],
          useFactory: (config?: ConfigService) =>
            loggerParams({
              service,
              level: config?.get<LogLevel>('LOG_LEVEL') ?? DEFAULTS.LOG_LEVEL,
              format: config?.get<LogFormat>('LOG_FORMAT') ?? DEFAULTS.LOG_FORMAT,
            }),
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
