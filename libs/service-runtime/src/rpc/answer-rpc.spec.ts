import { Logger, type LoggerService } from '@nestjs/common';
import { RPC_PATTERNS, type RpcErrorReply, type UserProfile } from '@polyshop/contracts';
import { createAnswerRpc } from './answer-rpc';
import { DomainError } from './domain-error';

const PROFILE = RPC_PATTERNS.USERS_GET_PROFILE;
const USER_ID = '5b0e1f2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
const profile: UserProfile = {
  id: USER_ID,
  email: 'ada@example.com',
  name: 'Ada',
  role: 'user',
  address: null,
  createdAt: '2025-01-15T10:00:00.000Z',
};

class UserNotFoundError extends DomainError {
  readonly code = 'USER.NOT_FOUND';
}

class BadAddressError extends DomainError {
  readonly code = 'VALIDATION.FAILED';

  constructor() {
    super('address.zip: too long', [{ field: 'address.zip', problems: ['too long'] }]);
  }
}

class StoreDown extends Error {}

describe('createAnswerRpc', () => {
  const logger = { log: jest.fn(), warn: jest.fn(), error: jest.fn() } satisfies LoggerService;
  const isStoreUnavailable = jest.fn((error: unknown) => error instanceof StoreDown);
  const answerRpc = createAnswerRpc({ isStoreUnavailable, logger });
  const failWith = (thrown: unknown) =>
    answerRpc(PROFILE, { userId: USER_ID }, async () => {
      await Promise.resolve(); // rejects later, as a use case does
      throw thrown;
    });

  beforeEach(() => jest.clearAllMocks());

  it('hands the validated request to the handler and answers its result', async () => {
    const handle = jest.fn().mockResolvedValue(profile);

    const reply = await answerRpc(PROFILE, { userId: USER_ID }, handle);

    expect(reply).toEqual(profile);
    expect(handle).toHaveBeenCalledWith(expect.objectContaining({ userId: USER_ID }));
  });

  it('answers VALIDATION.FAILED naming every bad field, without running the handler', async () => {
    const handle = jest.fn();

    const reply = await answerRpc(PROFILE, { userId: 'nope', extra: 1 }, handle);

    expect(reply).toMatchObject({ code: 'VALIDATION.FAILED', status: 400 });
    const fields = (reply as RpcErrorReply).fields?.map(({ field }) => field);
    expect(fields?.sort()).toEqual(['extra', 'userId']);
    expect(handle).not.toHaveBeenCalled();
  });

  it('takes an absent payload for an empty request: valid for a list, invalid where an id is needed', async () => {
    const page = { items: [], total: 0 };
    const handle = jest.fn().mockResolvedValue(page);

    await expect(answerRpc(RPC_PATTERNS.PRODUCTS_LIST, undefined, handle)).resolves.toEqual(page);
    await expect(answerRpc(PROFILE, undefined, handle)).resolves.toMatchObject({
      code: 'VALIDATION.FAILED',
      fields: [expect.objectContaining({ field: 'userId' })],
    });
    expect(handle).toHaveBeenCalledTimes(1);
  });

  it('answers a domain error with its code, message and status, logging nothing', async () => {
    await expect(failWith(new UserNotFoundError('No such user'))).resolves.toEqual({
      code: 'USER.NOT_FOUND',
      message: 'No such user',
      status: 404,
    });
    expect(isStoreUnavailable).not.toHaveBeenCalled();
    expect(logger.warn).not.toHaveBeenCalled();
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('answers a domain error with its failing fields', async () => {
    await expect(failWith(new BadAddressError())).resolves.toEqual({
      code: 'VALIDATION.FAILED',
      message: 'address.zip: too long',
      status: 400,
      fields: [{ field: 'address.zip', problems: ['too long'] }],
    });
  });

  it('answers SERVICE.UNAVAILABLE, naming the service but not the cause, when the store is down', async () => {
    const down = new StoreDown('connect ECONNREFUSED 10.0.0.7:5432');

    const reply = await failWith(down);

    expect(reply).toEqual({
      code: 'SERVICE.UNAVAILABLE',
      message: 'user-service cannot reach its store, retry later',
      status: 503,
    });
    expect(isStoreUnavailable).toHaveBeenCalledWith(down);
    expect(logger.warn).toHaveBeenCalledWith(
      `${PROFILE}: store unavailable: connect ECONNREFUSED 10.0.0.7:5432`,
    );
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('answers INTERNAL.ERROR for anything else, logging the cause and its stack but not telling the caller', async () => {
    const bug = new TypeError('secret detail');

    const reply = await failWith(bug);

    expect(reply).toEqual({
      code: 'INTERNAL.ERROR',
      message: 'user-service could not handle the request',
      status: 500,
    });
    expect(logger.error).toHaveBeenCalledWith(`${PROFILE} failed: secret detail`, bug.stack);
  });

  it.each([
    ['a string', 'plain text'],
    ['a plain object', { reason: 'odd' }],
    ['undefined', undefined],
  ])('answers INTERNAL.ERROR when the handler throws %s', async (_, thrown) => {
    await expect(failWith(thrown)).resolves.toMatchObject({ code: 'INTERNAL.ERROR', status: 500 });
    expect(logger.error).toHaveBeenCalledTimes(1);
  });

  it('answers rather than rejects when the handler throws before returning a promise', async () => {
    const reply = await answerRpc(PROFILE, { userId: USER_ID }, () => {
      throw new Error('thrown synchronously');
    });

    expect(reply).toMatchObject({ code: 'INTERNAL.ERROR', status: 500 });
  });

  it('answers INTERNAL.ERROR when the store classifier itself throws', async () => {
    const fragile = createAnswerRpc({
      isStoreUnavailable: () => {
        throw new Error('classifier bug');
      },
      logger,
    });

    const reply = await fragile(PROFILE, { userId: USER_ID }, () => Promise.reject(new Error('x')));

    expect(reply).toMatchObject({ code: 'INTERNAL.ERROR', status: 500 });
  });

  it('logs through a logger named after the answering service when given none', async () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const answerWithDefaults = createAnswerRpc({ isStoreUnavailable: () => false });

    await answerWithDefaults(PROFILE, { userId: USER_ID }, () => Promise.reject(new Error('bug')));

    expect(error).toHaveBeenCalledWith(`${PROFILE} failed: bug`, expect.any(String));
    expect(error.mock.contexts[0]).toMatchObject({ context: 'user-service' });
    error.mockRestore();
  });
});

describe('DomainError', () => {
  it('is an Error named after its class, with no fields unless given', () => {
    const error = new UserNotFoundError('No such user');

    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('UserNotFoundError');
    expect(error.fields).toBeUndefined();
  });
});
