import { randomBytes } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import * as argon2 from 'argon2';

/** argon2id with RFC 9106's second recommended option (64 MiB, 3 passes, 4 lanes). */
export const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 64 * 1024,
  timeCost: 3,
  parallelism: 4,
} as const;

/** Slow, salted password hashing (argon2id); hashes are PHC strings carrying their parameters. */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  private decoy?: Promise<string>;

  onModuleInit(): void {
    this.decoy = this.hash(randomBytes(32).toString('base64'));
    // Awaited by the first verification that needs it; a failure surfaces there.
    this.decoy.catch(() => undefined);
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, ARGON2_OPTIONS);
  }

  verify(hash: string, password: string): Promise<boolean> {
    return argon2.verify(hash, password);
  }

  /**
   * Does the work of a verification that fails, for an unknown account, so that answering
   * "wrong email" takes as long as "wrong password" and does not reveal who is registered.
   */
  async verifyNobody(password: string): Promise<false> {
    this.decoy ??= this.hash(randomBytes(32).toString('base64'));
    await argon2.verify(await this.decoy, password);
    return false;
  }
}
