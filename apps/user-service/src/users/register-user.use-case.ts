import { Injectable } from '@nestjs/common';
import type { Address, RegisteredUser, RegisterUserRequest } from '@polyshop/contracts';
import { AccountCreator } from './account-creator';
import { EmailTakenError } from './users.errors';

/** `rpc.users.register`: a `user` account; the email must be new, whatever its case. */
@Injectable()
export class RegisterUserUseCase {
  constructor(private readonly accounts: AccountCreator) {}

  async execute({ email, password, name, address }: RegisterUserRequest): Promise<RegisteredUser> {
    const id = await this.accounts.create({
      email,
      password,
      name,
      address: address ? plainAddress(address) : null,
      role: 'user',
    });
    if (id === null) throw new EmailTakenError();
    return { id, email, name };
  }
}

/** Only the address's own fields, whatever object carried them. */
function plainAddress({ line1, line2, city, postalCode, country, phone }: Address): Address {
  return { line1, line2, city, postalCode, country, phone };
}
