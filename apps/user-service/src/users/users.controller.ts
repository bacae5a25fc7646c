import { Controller, Logger } from '@nestjs/common';
import { MessagePattern, Payload, Transport } from '@nestjs/microservices';
import { RPC_PATTERNS, type RpcReply } from '@polyshop/contracts';
import { createAnswerRpc, isPostgresUnavailable } from '@polyshop/service-runtime';
import { GetProfileUseCase } from './get-profile.use-case';
import { LogInUseCase } from './log-in.use-case';
import { RegisterUserUseCase } from './register-user.use-case';

/** The gateway's calls about accounts, over core-NATS request/reply. */
@Controller()
export class UsersController {
  private readonly answerRpc = createAnswerRpc({
    isStoreUnavailable: isPostgresUnavailable,
    logger: new Logger(UsersController.name),
  });

  constructor(
    private readonly registerUser: RegisterUserUseCase,
    private readonly logIn: LogInUseCase,
    private readonly getProfile: GetProfileUseCase,
  ) {}

  @MessagePattern(RPC_PATTERNS.USERS_REGISTER, Transport.NATS)
  register(@Payload() payload: unknown): Promise<RpcReply<'rpc.users.register'>> {
    return this.answerRpc(RPC_PATTERNS.USERS_REGISTER, payload, (request) =>
      this.registerUser.execute(request),
    );
  }

  @MessagePattern(RPC_PATTERNS.USERS_LOGIN, Transport.NATS)
  login(@Payload() payload: unknown): Promise<RpcReply<'rpc.users.login'>> {
    return this.answerRpc(RPC_PATTERNS.USERS_LOGIN, payload, (request) =>
      this.logIn.execute(request),
    );
  }

  @MessagePattern(RPC_PATTERNS.USERS_GET_PROFILE, Transport.NATS)
  profile(@Payload() payload: unknown): Promise<RpcReply<'rpc.users.get-profile'>> {
    return this.answerRpc(RPC_PATTERNS.USERS_GET_PROFILE, payload, (request) =>
      this.getProfile.execute(request),
    );
  }
}
