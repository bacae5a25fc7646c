import { Injectable } from '@nestjs/common';
import type { GetProfileRequest, UserProfile } from '@polyshop/contracts';
import { UsersRepository } from './persistence/users.repository';
import { UserPiiCodec } from './user-pii';
import { UserNotFoundError } from './users.errors';

/** `rpc.users.get-profile`: the PII decrypted, for its owner (the gateway asks with its token). */
@Injectable()
export class GetProfileUseCase {
  constructor(
    private readonly users: UsersRepository,
    private readonly pii: UserPiiCodec,
  ) {}

  async execute({ userId }: GetProfileRequest): Promise<UserProfile> {
    const user = await this.users.findById(userId);
    if (!user) throw new UserNotFoundError();
    const { email, name, address } = this.pii.open(user);
    return {
      id: user.id,
      email,
      name,
      role: user.role,
      address,
      createdAt: user.createdAt.toISOString(),
    };
  }
}
