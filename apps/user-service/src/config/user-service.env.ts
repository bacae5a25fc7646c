import { LOCAL_URLS, ServiceEnv } from '@polyshop/config';
import {
  IsEmail,
  IsInt,
  IsString,
  IsUrl,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  IsActivePiiKeyId,
  IsBase64Key,
  IsPiiKeyring,
  NotDevelopmentValueInProduction,
} from './env-validators';

/**
 * Development-only secrets: public in this repository and `.env.example`, so that a fresh
 * checkout runs; refused at boot when `NODE_ENV=production`.
 */
export const DEVELOPMENT_SECRETS = {
  piiKeys: 'dev1:Sn19uF/LCwQ6u5tcboe9KFCT5/ijB0/vEVsskcy2R5s=',
  emailIndexKey: 'GYjTYI6kcsC6cZNTeD6VXa8aM4mgFU8cHbc6n4cfrkQ=',
  adminPassword: 'polyshop-admin-dev',
} as const;

const seedsAdmin = (env: UserServiceEnv) => env.ADMIN_EMAIL !== '' || env.ADMIN_PASSWORD !== '';

export class UserServiceEnv extends ServiceEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  USER_HTTP_PORT: number = 3001;

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  USER_DB_URL: string = LOCAL_URLS.userDb;

  /** AES-256-GCM keys of PII at rest: `<id>:<base64 of 32 bytes>`, comma-separated. */
  @IsPiiKeyring()
  @NotDevelopmentValueInProduction(DEVELOPMENT_SECRETS.piiKeys)
  USER_PII_KEYS: string = DEVELOPMENT_SECRETS.piiKeys;

  /** The key new values are encrypted with; the others only decrypt older values. */
  @IsActivePiiKeyId('USER_PII_KEYS')
  USER_PII_ACTIVE_KEY_ID: string = 'dev1';

  /** HMAC-SHA256 key of the email blind index (base64, at least 32 bytes). */
  @IsBase64Key(32)
  @NotDevelopmentValueInProduction(DEVELOPMENT_SECRETS.emailIndexKey)
  USER_EMAIL_INDEX_KEY: string = DEVELOPMENT_SECRETS.emailIndexKey;

  /** Admin account created at boot when missing; both empty: no admin is seeded. */
  @ValidateIf(seedsAdmin)
  @IsEmail()
  @MaxLength(254)
  ADMIN_EMAIL: string = 'admin@polyshop.local';

  @ValidateIf(seedsAdmin)
  @IsString()
  @Length(8, 128)
  @NotDevelopmentValueInProduction(DEVELOPMENT_SECRETS.adminPassword)
  ADMIN_PASSWORD: string = DEVELOPMENT_SECRETS.adminPassword;
}
