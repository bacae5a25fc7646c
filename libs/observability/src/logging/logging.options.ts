import { hostname } from 'node:os';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LogFormat, LogLevel } from '@polyshop/config';
import type { Params } from 'nestjs-pino';
import { stdSerializers, type LevelWithSilent } from 'pino';
import type { Options } from 'pino-http';
import { currentMessageContext } from '../context/message-context';
import { logContextFields } from './log-context';

export interface LoggingSettings {
  /** The app's name, on every line as `service`. */
  service: string;
  level: LogLevel;
  format: LogFormat;
}

/**
 * Level of the line pino-http writes when a request completes: only server errors show at the
 * default level, so that traffic (and a client hammering with bad requests) cannot flood the
 * logs; every request shows at `debug`.
 */
export function requestLogLevel(
  _request: IncomingMessage,
  response: ServerResponse,
  error?: Error,
): LevelWithSilent {
  return error !== undefined || response.statusCode >= 500 ? 'warn' : 'debug';
}

/** What pino-http puts as `err` on a 5xx answer that no thrown error caused. */
const STATUS_ONLY_ERROR = /^failed with status code \d+$/;

/**
 * A thrown error with its stack; nothing for the stand-in pino-http makes up for a plain 5xx
 * answer (a readiness 503), whose stack would only point into pino-http.
 */
export function serializeRequestError(error: Error): object | undefined {
  return STATUS_ONLY_ERROR.test(error.message) ? undefined : stdSerializers.err(error);
}

/** The pino-http options of an app: one JSON object per line (or pretty lines), with context. */
export function pinoHttpOptions({ service, level, format }: LoggingSettings): Options {
  return {
    level,
    base: { service, pid: process.pid, hostname: hostname() },
    // The message context of the event or request being handled, read at each call.
    mixin: () => ({ ...logContextFields(currentMessageContext()) }),
    customLogLevel: requestLogLevel,
    // The method and path only: headers carry credentials (Authorization, cookies).
    serializers: {
      req: (request: { method?: string; url?: string }) => ({
        method: request.method,
        url: request.url,
      }),
      res: (response: { statusCode?: number }) => ({ statusCode: response.statusCode }),
      err: serializeRequestError,
    },
    // Lines logged during a request carry its `reqId`, not the whole request again.
    quietReqLogger: true,
    ...(format === 'pretty'
      ? {
          // A devDependency, loaded by pino only when asked for: never in production images.
          transport: {
            target: 'pino-pretty',
            options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
          },
        }
      : {
          timestamp: () => `,"time":"${new Date().toISOString()}"`,
          formatters: { level: (label: string) => ({ level: label }) },
        }),
  };
}

/** The nestjs-pino parameters of an app. */
export function loggerParams(settings: LoggingSettings): Params {
  return { pinoHttp: pinoHttpOptions(settings) };
}
