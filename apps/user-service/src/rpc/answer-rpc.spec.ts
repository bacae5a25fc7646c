import { Logger } from '@nestjs/common';
import { RPC_PATTERNS } from '@polyshop/contracts';
import { EmailTakenError } from '../users/users.errors';
import { answerRpc } from './answer-rpc';

const PATTERN = RPC_PATTERNS.USERS_GET_PROFILE;
const request = { userId: '5b0e1f2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b' };

describe('answerRpc', () => {
  const logger = new Logger('test');
  const logged: string[] = [];

  beforeEach(() => {
    logged.length = 0;
    jest.spyOn(logger, 'error').mockImplementation((message: string) => void logged.push(message));
    jest.spyOn(logger, 'warn').mockImplementation((message: string) => void logged.push(message));
  });

  const fail = (error: Error) => answerRpc(PATTERN, request, logger, () => Promise.reject(error));

  it('hands the validated request to the handler and answers its reply', async () => {
    const reply = await answerRpc(PATTERN, request, logger, (valid) =>
      Promise.resolve({
        id: valid.userId,
        email: 'ada@example.com',
        name: 'Ada',
        role: 'user',
        address: null,
        createdAt: '2025-01-15T10:00:00.000Z',
      }),
    );

    expect(reply).toMatchObject({ id: request.userId });
  });

  it('answers VALIDATION.FAILED without calling the handler', async () => {
    const handler = jest.fn();

    const reply = await answerRpc(PATTERN, { userId: 'nope', extra: 1 }, logger, handler);

    expect(reply).toMatchObject({ code: 'VALIDATION.FAILED', status: 400 });
    expect(handler).not.toHaveBeenCalled();
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
