import { IsNotEmpty, IsString, IsUrl } from 'class-validator';
import { LOCAL_HOST, LOCAL_URLS } from './local-infra';

/** Variables every app reads; each app's own env class extends this one. */
export class ServiceEnv {
  @IsUrl({ protocols: ['nats', 'tls'], require_tld: false, require_protocol: true })
  NATS_URL: string = LOCAL_URLS.nats;

  /** Interface the HTTP server binds: loopback locally, `0.0.0.0` in containers. */
  @IsString()
  @IsNotEmpty()
  HTTP_HOST: string = LOCAL_HOST;
}
