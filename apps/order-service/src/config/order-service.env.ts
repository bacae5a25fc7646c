import { LOCAL_URLS, ServiceEnv } from '@polyshop/config';
import { IsInt, IsUrl, Max, Min } from 'class-validator';

export class OrderServiceEnv extends ServiceEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  ORDER_HTTP_PORT: number = 3003;

  @IsUrl({ protocols: ['mysql', 'mariadb'], require_tld: false, require_protocol: true })
  ORDER_DB_URL: string = LOCAL_URLS.orderDb;
}
