import { LOCAL_URLS, ServiceEnv } from '@polyshop/config';
import { IsInt, IsUrl, Max, Min } from 'class-validator';

export class ProductServiceEnv extends ServiceEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  PRODUCT_HTTP_PORT: number = 3002;

  @IsUrl({ protocols: ['mongodb', 'mongodb+srv'], require_tld: false, require_protocol: true })
  PRODUCT_MONGO_URL: string = LOCAL_URLS.productMongo;
}
