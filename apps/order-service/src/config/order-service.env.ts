import { LOCAL_URLS, ServiceEnv } from '@polyshop/config';
import { IsInt, IsUrl, Max, Min } from 'class-validator';

export class OrderServiceEnv extends ServiceEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  ORDER_HTTP_PORT: number = 3003;

  @IsUrl({ protocols: ['mysql', 'mariadb'], require_tld: false, require_protocol: true })
  ORDER_DB_URL: string = LOCAL_URLS.orderDb;

  /**
   * How long an order may stay non-terminal after placement before the deadline sweeper
   * cancels it with `TIMEOUT` (docs/saga.md). Inventory's reservation safety net is derived
   * from the same figure, so keep them in step.
   */
  @IsInt()
  @Min(1)
  @Max(24 * 60 * 60 * 1000)
  ORDER_SAGA_TIMEOUT_MS: number = 30_000;
}
