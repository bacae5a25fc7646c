import { randomBytes, randomUUID } from 'node:crypto';
import { LogInUseCase } from './log-in.use-case';
import type { PasswordHasher } from './password-hasher';
import type { UserEntity } from './persistence/user.entity';
import type { UsersRepository } from './persistence/users.repository';
import { EmailBlindIndex } from './pii/email-blind-index';
import { InvalidCredentialsError } from './users.errors';

/** Counts the argon2 work each answer costs; the stored "hash" is the password itself. */
class FakeHasher implements Pick<PasswordHasher, 'verify' | 'verifyNobody'> {
  readonly work: string[] = [];
  verify(hash: string, password: string): Promise<boolean> {
    this.work.push('verify');
    return Promise.resolve(hash === password);
  }
  verifyNobody(): Promise<false> {
    this.work.push('verify');
    return Promise.resolve(false);
  }
}

describe('LogInUseCase', () => {
  const emailIndex = new EmailBlindIndex(randomBytes(32));
  const ada = {
    id: randomUUID(),
    emailIndex: emailIndex.of('ada@example.com'),
    passwordHash: 'correct horse',
    role: 'user',
  } as UserEntity;
  const users = {
    findByEmailIndex: (index: Buffer) => Promise.resolve(index.equals(ada.emailIndex) ? ada : null),
  } as UsersRepository;
  let hasher: FakeHasher;
  let logIn: LogInUseCase;

  beforeEach(() => {
    hasher = new FakeHasher();
    logIn = new LogInUseCase(users, emailIndex, hasher as unknown as PasswordHasher);
  });

  it('tells whom right credentials belong to, whatever the case of the email', async () => {
    await expect(
      logIn.execute({ email: 'Ada@Example.com', password: 'correct horse' }),
    ).resolves.toEqual({ userId: ada.id, role: 'user' });
  });

  it('answers a wrong password and an unknown email with the same error after the same work', async () => {
    const wrongPassword = await logIn
      .execute({ email: 'ada@example.com', password: 'battery staple' })
      .catch((error: unknown) => error);
    const workForWrongPassword = [...hasher.work];
    hasher.work.length = 0;
    const unknownEmail = await logIn
      .execute({ email: 'nobody@example.com', password: 'correct horse' })
      .catch((error: unknown) => error);

    expect(wrongPassword).toBeInstanceOf(InvalidCredentialsError);
    expect(unknownEmail).toBeInstanceOf(InvalidCredentialsError);
    expect((unknownEmail as Error).message).toBe((wrongPassword as Error).message);
    expect(hasher.work).toEqual(workForWrongPassword);
    expect(hasher.work).toEqual(['verify']);
  });
});
