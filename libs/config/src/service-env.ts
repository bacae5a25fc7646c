import { IsInt, IsNotEmpty, IsString, IsUrl, Max, Min } from 'class-validator';
import { LOCAL_HOST, LOCAL_URLS } from './local-infra';

/** Variables every app reads; each app's own env class extends this one. */
export class ServiceEnv {
  @IsUrl({ protocols: ['nats', 'tls'], require_tld: false, require_protocol: true })
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
}
