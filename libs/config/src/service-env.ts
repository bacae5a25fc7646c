// Records the property types that implicit conversion reads (validateEnv), whichever module
// loads first: without it, a number read from the environment would stay a string.
import 'reflect-metadata';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  IsUrl,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { LOCAL_HOST, LOCAL_URLS } from './local-infra';
import { natsConnectionOptions, NatsUrlError } from './nats-connection';

/** The user and password of a NATS URL must decode, or the app could not log in with them. */
const HasDecodableCredentials = () =>
  ValidateBy({
    name: 'hasDecodableCredentials',
    validator: {
      validate: (value: unknown) => {
        try {
          natsConnectionOptions(String(value));
          return true;
        } catch (error) {
          // Not a URL at all is IsUrl's to report.
          return !(error instanceof NatsUrlError);
        }
      },
      defaultMessage: () => '$property has malformed percent-encoding in its user or password',
    },
  });

/** Levels `LOG_LEVEL` accepts, most to least severe; `silent` logs nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** `json`: one JSON object per line (production); `pretty`: coloured lines for a terminal. */
export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Variables every app reads; each app's own env class extends this one. */
export class ServiceEnv {
  /** `nats://host:4222`, or `nats://user:password@host:4222` (percent-encoded) for a NATS user. */
  @IsUrl({ protocols: ['nats', 'tls'], require_tld: false, require_protocol: true })
  @HasDecodableCredentials()
  NATS_URL: string = LOCAL_URLS.nats;

  /** Interface the HTTP server binds: loopback locally, `0.0.0.0` in containers. */
  @IsString()
  @IsNotEmpty()
  HTTP_HOST: string = LOCAL_HOST;

  /**
   * JetStream AckWait of the app's consumers: a message whose handler neither acknowledged nor
   * reported progress this long (a process frozen or gone) is redelivered to another replica.
   */
  @IsInt()
  @Min(1_000)
  @Max(10 * 60 * 1000)
  JETSTREAM_ACK_WAIT_MS: number = 30_000;

  /**
   * Replicas of every JetStream stream the app provisions: 1 on a single server, 3 on a
   * three-server cluster. Every app must have the same value: each one updates a stream whose
   * config differs from its own at boot. At most the number of servers in the cluster.
   */
  @IsInt()
  @Min(1)
  @Max(5)
  NATS_STREAM_REPLICAS: number = 1;

  /** Least severe level logged; `debug` adds a line per HTTP request. */
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /** `json` (default) for log collectors; `pretty` for a terminal (`npm start` sets it). */
  @IsIn(LOG_FORMATS)
  LOG_FORMAT: LogFormat = 'json';

  /**
   * OTLP/HTTP endpoint traces are exported to (e.g. `http://127.0.0.1:4318`); empty: traces are
   * not exported.
   */
  @ValidateIf((env: ServiceEnv) => env.OTEL_EXPORTER_OTLP_ENDPOINT !== '')
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  OTEL_EXPORTER_OTLP_ENDPOINT: string = '';
}
