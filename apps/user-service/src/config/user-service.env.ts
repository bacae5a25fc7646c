import { LOCAL_URLS, ServiceEnv } from '@polyshop/config';
import { IsInt, IsUrl, Max, Min } from 'class-validator';

export class UserServiceEnv extends ServiceEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  USER_HTTP_PORT: number = 3001;

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  USER_DB_URL: string = LOCAL_URLS.userDb;
}
