import { randomUUID } from 'node:crypto';
import { call, expectProblem, type ApiResponse } from './support/api';
import { readStoredUser } from './support/stores';

describe('accounts through the public API', () => {
  const email = `e2e-${randomUUID()}@example.test`;
  const password = 'correct horse battery staple';
  const name = 'Ada Lovelace';
  const address = {
    line1: '12 Rue des Rosiers',
    city: 'Paris',
    postalCode: '75004',
    country: 'FR',
    phone: '+33612345678',
  };

  let registered: ApiResponse<{ id: string }>;

  beforeAll(async () => {
    registered = await call<{ id: string }>('POST', '/auth/register', {
      body: { email, password, name, address },
    });
  });

  it('registers a user, answering only their id, email and name', () => {
    expect(registered.status).toBe(201);
    expect(registered.body).toEqual({ id: expect.any(String) as string, email, name });
  });

  it('refuses a second account for the same email in another case with 409 USER.EMAIL_TAKEN', async () => {
    const again = await call('POST', '/auth/register', {
      body: { email: email.toUpperCase(), password, name: 'Impostor' },
    });

    expectProblem(again, 409, 'USER.EMAIL_TAKEN');
  });

  it('answers 401 AUTH.INVALID_CREDENTIALS to a wrong password', async () => {
    const login = await call('POST', '/auth/login', {
      body: { email, password: 'not the password' },
    });

    expectProblem(login, 401, 'AUTH.INVALID_CREDENTIALS');
  });

  it('logs in and shows the profile with its PII decrypted for its owner, stored encrypted', async () => {
    const login = await call<{ accessToken: string; tokenType: string; expiresIn: number }>(
      'POST',
      '/auth/login',
      { body: { email, password } },
    );
    expect(login.status).toBe(200);
    expect(login.body).toEqual({
      accessToken: expect.any(String) as string,
      tokenType: 'Bearer',
      expiresIn: expect.any(Number) as number,
    });
    expect(login.body.expiresIn).toBeGreaterThan(0);

    const me = await call<{ id: string }>('GET', '/users/me', { token: login.body.accessToken });

    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: registered.body.id, email, name, role: 'user', address });
    const stored = JSON.stringify(await readStoredUser(me.body.id));
    for (const clear of [email, name, address.line1, address.phone]) {
      expect(stored).not.toContain(clear);
    }
    expect(stored).not.toContain(password);
  });
});
