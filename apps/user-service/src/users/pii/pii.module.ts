import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { UserServiceEnv } from '../../config/user-service.env';
import { EmailBlindIndex } from './email-blind-index';
import { PiiCipher } from './pii-cipher';
import { decodeBase64, parsePiiKeyring } from './pii-keyring';

type Config = ConfigService<UserServiceEnv, true>;

/** The PII cipher and the email blind index, keyed from the environment validated at boot. */
@Module({
  providers: [
    {
      provide: PiiCipher,
      inject: [ConfigService],
      useFactory: (config: Config) => {
        const keyring = parsePiiKeyring(
          config.get('USER_PII_KEYS', { infer: true }),
          config.get('USER_PII_ACTIVE_KEY_ID', { infer: true }),
        );
        if (!keyring.ok) throw new Error(`USER_PII_KEYS: ${keyring.problems.join('; ')}`);
        return new PiiCipher(keyring.value);
      },
    },
    {
      provide: EmailBlindIndex,
      inject: [ConfigService],
      useFactory: (config: Config) => {
        const key = decodeBase64(config.get('USER_EMAIL_INDEX_KEY', { infer: true }));
        if (key === undefined) throw new Error('USER_EMAIL_INDEX_KEY is not base64');
        return new EmailBlindIndex(key);
      },
    },
  ],
  exports: [PiiCipher, EmailBlindIndex],
})
export class PiiModule {}
