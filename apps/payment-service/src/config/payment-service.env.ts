import { LOCAL_URLS, ServiceEnv } from '@polyshop/config';
import { IsInt, IsUrl, Max, Min } from 'class-validator';

export class PaymentServiceEnv extends ServiceEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  PAYMENT_HTTP_PORT: number = 3005;

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  PAYMENT_DB_URL: string = LOCAL_URLS.paymentDb;
}
