import { LOCAL_CREDENTIALS, LOCAL_HOST, LOCAL_INFRA, ServiceEnv } from '@polyshop/config';
import { IsInt, IsString, IsUrl, Max, MaxLength, Min, MinLength } from 'class-validator';

const { user, password } = LOCAL_CREDENTIALS;

/**
 * The benchmark's monolith: one database on payment-service's PostgreSQL server (the same
 * durability settings as the platform's stores), created by the bench harness.
 */
export class BenchMonolithEnv extends ServiceEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  BENCH_MONOLITH_HTTP_PORT: number = 3010;

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  BENCH_MONOLITH_DB_URL: string =
    `postgres://${user}:${password}@${LOCAL_HOST}:${LOCAL_INFRA.paymentPostgres.port}/bench_monolith`;

  /** The gateway's HS256 key: the monolith accepts the tokens the gateway issues. */
  @IsString()
  @MinLength(32)
  @MaxLength(512)
  JWT_SECRET: string = 'polyshop-local-development-jwt-secret-not-for-production';
}
