import { LOCAL_URLS, ServiceEnv } from '@polyshop/config';
import { IsInt, IsUrl, Matches, Max, Min } from 'class-validator';
import { DEFAULT_KEY_PREFIX } from '../redis/inventory-keys';

export class InventoryServiceEnv extends ServiceEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  INVENTORY_HTTP_PORT: number = 3004;

  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
  INVENTORY_REDIS_URL: string = LOCAL_URLS.inventoryRedis;

  /**
   * How long a reservation holds its stock before the expiry sweeper gives it back
   * (`inventory.stock-released.v1` with `EXPIRED`): the safety net behind order-service's saga
   * deadline, hence twice its default.
   */
  @IsInt()
  @Min(1_000)
  @Max(86_400_000)
  INVENTORY_RESERVATION_TTL_MS: number = 60_000;

  /**
   * Prefix of every Redis key of the service: `inventory:` unless several deployments (or
   * test suites) share one Redis.
   */
  @Matches(/^[A-Za-z0-9_.-]+(?::[A-Za-z0-9_.-]+)*:$/, {
    message: '$property must be colon-separated words ending in a colon, e.g. inventory:',
  })
  INVENTORY_KEY_PREFIX: string = DEFAULT_KEY_PREFIX;
}
