import { ServiceEnv } from '@polyshop/config';
import { IsInt, Max, Min } from 'class-validator';

/** The gateway owns no store: NATS (from ServiceEnv) is its only dependency. */
export class ApiGatewayEnv extends ServiceEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  GATEWAY_HTTP_PORT: number = 3000;
}
