import { Logger } from '@nestjs/common';
import { RPC_PATTERNS } from '@polyshop/contracts';
import type { GetProfileUseCase } from './get-profile.use-case';
import type { LogInUseCase } from './log-in.use-case';
import type { RegisterUserUseCase } from './register-user.use-case';
import { UsersController } from './users.controller';
import { EmailTakenError } from './users.errors';

const PATTERN = RPC_PATTERNS.USERS_GET_PROFILE;
const request = { userId: '5b0e1f2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b' };

describe('UsersController answers', () => {
  const logged: string[] = [];
  const getProfile = { execute: jest.fn() };
  const controller = new UsersController(
    { execute: jest.fn() } as unknown as RegisterUserUseCase,
    { execute: jest.fn() } as unknown as LogInUseCase,
    getProfile as unknown as GetProfileUseCase,
  );

  beforeEach(() => {
    logged.length = 0;
    getProfile.execute.mockReset();
    jest
      .spyOn(Logger.prototype, 'error')
      .mockImplementation((message: string) => void logged.push(message));
    jest
      .spyOn(Logger.prototype, 'warn')
      .mockImplementation((message: string) => void logged.push(message));
  });

  afterEach(() => jest.restoreAllMocks());

  const fail = (error: Error) => {
    getProfile.execute.mockRejectedValue(error);
    return controller.profile(request);
  };

  it('hands the validated request to the use case and answers its reply', async () => {
    getProfile.execute.mockImplementation((valid: typeof request) =>
      Promise.resolve({
        id: valid.userId,
        email: 'ada@example.com',
        name: 'Ada',
        role: 'user',
        address: null,
        createdAt: '2025-01-15T10:00:00.000Z',
      }),
    );

    const reply = await controller.profile(request);

    expect(reply).toMatchObject({ id: request.userId });
  });

  it('answers VALIDATION.FAILED without calling the use case', async () => {
    const reply = await controller.profile({ userId: 'nope', extra: 1 });

    expect(reply).toMatchObject({ code: 'VALIDATION.FAILED', status: 400 });
    expect(getProfile.execute).not.toHaveBeenCalled();
  });

  it('answers a domain error with its code and message', async () => {
    await expect(fail(new EmailTakenError())).resolves.toEqual({
      code: 'USER.EMAIL_TAKEN',
      message: 'An account with this email already exists',
      status: 409,
    });
    expect(logged).toEqual([]);
  });

  it('answers SERVICE.UNAVAILABLE when the database cannot be reached', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:15432'), {
      code: 'ECONNREFUSED',
    });
    const shutdown = Object.assign(new Error('terminating connection'), { code: '57P01' });

    for (const error of [refused, shutdown, new Error('Connection terminated unexpectedly')]) {
      await expect(fail(error)).resolves.toMatchObject({
        code: 'SERVICE.UNAVAILABLE',
        status: 503,
      });
    }
  });

  it('answers INTERNAL.ERROR for anything else, logging the cause but not telling the caller', async () => {
    const reply = await fail(new Error('secret detail'));

    expect(reply).toEqual({
      code: 'INTERNAL.ERROR',
      message: 'user-service could not handle the request',
      status: 500,
    });
    expect(logged).toEqual([`${PATTERN} failed: secret detail`]);
  });
});
