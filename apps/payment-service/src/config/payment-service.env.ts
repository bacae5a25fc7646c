import { LOCAL_URLS, ServiceEnv } from '@polyshop/config';
import { IsInt, IsNumber, IsUrl, Max, Min } from 'class-validator';

export class PaymentServiceEnv extends ServiceEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  PAYMENT_HTTP_PORT: number = 3005;

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  PAYMENT_DB_URL: string = LOCAL_URLS.paymentDb;

  /**
   * How long an `inventory.stock-reserved` that overtook its `order.placed` waits for this
   * process to record the intent before it is retried (docs/saga.md, races).
   */
  @IsInt()
  @Min(0)
  @Max(10_000)
  PAYMENT_INTENT_WAIT_MS: number = 500;

  /** How long the PSP simulator takes to answer each call; two calls fit in a claim lease (15 s). */
  @IsInt()
  @Min(0)
  @Max(5_000)
  PSP_LATENCY_MS: number = 50;

  /** Share of PSP simulator calls answered "unavailable" (0 to 1); they are retried. */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  PSP_TRANSIENT_FAILURE_RATE: number = 0;
}
