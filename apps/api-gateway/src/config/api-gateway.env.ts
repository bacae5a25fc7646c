import { LOCAL_HOST, ServiceEnv } from '@polyshop/config';
import {
  IsInt,
  IsNotEmpty,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { NotDevelopmentValueInProduction } from './not-development-value.validator';

/**
 * Signing key of the access tokens in development: public in this repository and
 * `.env.example` so that a fresh checkout runs; refused at boot when `NODE_ENV=production`.
 */
export const DEVELOPMENT_JWT_SECRET = 'polyshop-local-development-jwt-secret-not-for-production';

const HTTP_URL = { protocols: ['http', 'https'], require_tld: false, require_protocol: true };

/** The gateway owns no store: NATS (from ServiceEnv) is its only dependency. */
export class ApiGatewayEnv extends ServiceEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  GATEWAY_HTTP_PORT: number = 3000;

  /** HS256 key of the access tokens (at least 32 characters, i.e. 256 bits). */
  @IsString()
  @MinLength(32)
  @MaxLength(512)
  @NotDevelopmentValueInProduction(DEVELOPMENT_JWT_SECRET)
  JWT_SECRET: string = DEVELOPMENT_JWT_SECRET;

  /** Lifetime of an access token; short, since there is no revocation. */
  @IsInt()
  @Min(60)
  @Max(24 * 60 * 60)
  JWT_TTL_SECONDS: number = 900;

  /** Deadline of every call to a service; past it the caller gets 503 (or a partial answer). */
  @IsInt()
  @Min(50)
  @Max(30_000)
  RPC_TIMEOUT_MS: number = 1_500;

  /**
   * Deadline of registration and login: user-service hashes or verifies an argon2id password
   * (64 MiB, 3 passes) first, which a loaded machine can stretch past `RPC_TIMEOUT_MS`.
   */
  @IsInt()
  @Min(50)
  @Max(30_000)
  AUTH_RPC_TIMEOUT_MS: number = 5_000;

  /** Base URLs whose `/health/ready` `GET /health` reports (each service's own HTTP port). */
  @IsUrl(HTTP_URL)
  USER_SERVICE_URL: string = `http://${LOCAL_HOST}:3001`;

  @IsUrl(HTTP_URL)
  PRODUCT_SERVICE_URL: string = `http://${LOCAL_HOST}:3002`;

  @IsUrl(HTTP_URL)
  ORDER_SERVICE_URL: string = `http://${LOCAL_HOST}:3003`;

  @IsUrl(HTTP_URL)
  INVENTORY_SERVICE_URL: string = `http://${LOCAL_HOST}:3004`;

  @IsUrl(HTTP_URL)
  PAYMENT_SERVICE_URL: string = `http://${LOCAL_HOST}:3005`;

  /** Window of the rate limits below. */
  @IsInt()
  @Min(1)
  @Max(3_600)
  RATE_LIMIT_WINDOW_SECONDS: number = 60;

  /** Calls of one auth route (register, login) per client IP and window. */
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_AUTH: number = 20;

  /** Orders one user may place per window. */
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_ORDERS: number = 30;

  /**
   * Folder of the built saga console (`nx run console:build`), served at `/console/`; relative
   * to the working directory (the workspace root under `nx serve` and the system suite).
   */
  @IsString()
  @IsNotEmpty()
  CONSOLE_DIR: string = 'dist/apps/console';
}
