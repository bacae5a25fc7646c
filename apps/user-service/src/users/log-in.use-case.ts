import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser, LoginRequest } from '@polyshop/contracts';
import { PasswordHasher } from './password-hasher';
import { UsersRepository } from './persistence/users.repository';
import { EmailBlindIndex } from './pii/email-blind-index';
import { InvalidCredentialsError } from './users.errors';

/**
 * `rpc.users.login`: whom the credentials belong to (the gateway signs the token). An unknown
 * email and a wrong password give the same error after the same argon2 work, so neither the
 * answer nor its timing tells whether an email is registered.
 */
@Injectable()
export class LogInUseCase {
  constructor(
    private readonly users: UsersRepository,
    private readonly emailIndex: EmailBlindIndex,
    private readonly passwords: PasswordHasher,
  ) {}

  async execute({ email, password }: LoginRequest): Promise<AuthenticatedUser> {
    const user = await this.users.findByEmailIndex(this.emailIndex.of(email));
    const valid = user
      ? await this.passwords.verify(user.passwordHash, password)
      : await this.passwords.verifyNobody(password);
    if (!user || !valid) throw new InvalidCredentialsError();
    return { userId: user.id, role: user.role };
  }
}
