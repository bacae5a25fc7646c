import { Injectable } from '@nestjs/common';
import type { Address } from '@polyshop/contracts';
import { PiiCipher } from './pii/pii-cipher';
import type { UserEntity } from './persistence/user.entity';

/** A user's personal data in clear: only in memory, never stored or logged. */
export interface UserPii {
  readonly email: string;
  readonly name: string;
  readonly address: Address | null;
}

type SealedPii = Pick<UserEntity, 'emailEncrypted' | 'nameEncrypted' | 'addressEncrypted'>;

// Each value is bound to its column and row: a ciphertext copied elsewhere does not open.
const contextOf = (column: 'email' | 'name' | 'address', userId: string) =>
  `users.${column}:${userId}`;

/** Seals a user's PII for its row of `users`, and opens it again for its owner. */
@Injectable()
export class UserPiiCodec {
  constructor(private readonly cipher: PiiCipher) {}

  seal(userId: string, { email, name, address }: UserPii): SealedPii {
    return {
      emailEncrypted: this.cipher.seal(email, contextOf('email', userId)),
      nameEncrypted: this.cipher.seal(name, contextOf('name', userId)),
      addressEncrypted:
        address === null
          ? null
          : this.cipher.seal(JSON.stringify(address), contextOf('address', userId)),
    };
  }

  open(user: SealedPii & Pick<UserEntity, 'id'>): UserPii {
    return {
      email: this.cipher.open(user.emailEncrypted, contextOf('email', user.id)),
      name: this.cipher.open(user.nameEncrypted, contextOf('name', user.id)),
      address:
        user.addressEncrypted === null
          ? null
          : (JSON.parse(
              this.cipher.open(user.addressEncrypted, contextOf('address', user.id)),
            ) as Address),
    };
  }
}
