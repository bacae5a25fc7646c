import { LOCAL_URLS, ServiceEnv } from '@polyshop/config';
import { IsInt, IsUrl, Max, Min } from 'class-validator';

export class InventoryServiceEnv extends ServiceEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  INVENTORY_HTTP_PORT: number = 3004;

  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
  INVENTORY_REDIS_URL: string = LOCAL_URLS.inventoryRedis;
}
