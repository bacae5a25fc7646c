import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxInboxModule } from '../messaging/outbox-inbox.module';
import { AccountCreator } from './account-creator';
import { GetProfileUseCase } from './get-profile.use-case';
import { LogInUseCase } from './log-in.use-case';
import { PasswordHasher } from './password-hasher';
import { UserEntity } from './persistence/user.entity';
import { UsersRepository } from './persistence/users.repository';
import { PiiModule } from './pii/pii.module';
import { RegisterUserUseCase } from './register-user.use-case';
import { SeedAdminUseCase } from './seed-admin.use-case';
import { UserPiiCodec } from './user-pii';
import { UsersController } from './users.controller';

/** Accounts: registration, login, profile (PII encrypted at rest) and the seeded admin. */
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity]), PiiModule, OutboxInboxModule],
  controllers: [UsersController],
  providers: [
    UsersRepository,
    UserPiiCodec,
    PasswordHasher,
    AccountCreator,
    RegisterUserUseCase,
    LogInUseCase,
    GetProfileUseCase,
    SeedAdminUseCase,
  ],
})
export class UsersModule implements OnApplicationBootstrap {
  constructor(private readonly seedAdmin: SeedAdminUseCase) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.seedAdmin.execute();
  }
}
