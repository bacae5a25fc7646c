import { JwtService } from '@nestjs/jwt';
import { rpcError, type UserProfile } from '@polyshop/contracts';
import { DEVELOPMENT_JWT_SECRET } from '../config/api-gateway.env';
import { setTimeout as delay } from 'node:timers/promises';
import {
  anyString,
  expectProblem,
  GatewayHarness,
  TEST_AUTH_RPC_TIMEOUT_MS,
  TEST_RPC_TIMEOUT_MS,
} from '../testing/gateway-harness';

const ada = { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada' };
const jwt = new JwtService({ secret: DEVELOPMENT_JWT_SECRET });

describe('auth (gateway against fake services)', () => {
  let gateway: GatewayHarness;

  beforeAll(async () => {
    gateway = await GatewayHarness.start();
  });

  afterAll(() => gateway?.stop());

  describe('POST /auth/register', () => {
    it('creates the account through user-service and answers 201 with id, email and name', async () => {
      const id = crypto.randomUUID();
      await gateway.fakes.answer('rpc.users.register', ({ email, name }) => ({
        reply: { id, email, name },
      }));

      const answer = await gateway.request('POST', '/auth/register', {
        body: {
          ...ada,
          address: { line1: '1 rue de la Paix', city: 'Paris', postalCode: '75002', country: 'FR' },
        },
      });

      expect(answer.status).toBe(201);
      expect(answer.body).toEqual({ id, email: ada.email, name: ada.name });
      expect(gateway.fakes.lastCallOf('rpc.users.register').payload).toEqual({
        ...ada,
        address: { line1: '1 rue de la Paix', city: 'Paris', postalCode: '75002', country: 'FR' },
      });
    });

    it("waits for a slow password hash past the other calls' deadline, up to AUTH_RPC_TIMEOUT_MS", async () => {
      const id = crypto.randomUUID();
      await gateway.fakes.answer('rpc.users.register', async ({ email, name }) => {
        // Between the two deadlines: a slow argon2 hash on a loaded user-service.
        await delay((TEST_RPC_TIMEOUT_MS + TEST_AUTH_RPC_TIMEOUT_MS) / 2);
        return { reply: { id, email, name } };
      });
      const slow = await gateway.request('POST', '/auth/register', { body: ada });
      expect(slow.status).toBe(201);

      await gateway.fakes.hang('rpc.users.register');
      const started = Date.now();
      const hung = await gateway.request('POST', '/auth/register', { body: ada });
      expect(Date.now() - started).toBeGreaterThanOrEqual(TEST_AUTH_RPC_TIMEOUT_MS);
      expect(expectProblem(hung, 503, 'SERVICE.UNAVAILABLE').detail).toContain(
        `within ${TEST_AUTH_RPC_TIMEOUT_MS} ms`,
      );
    });

    it('rejects an unknown field with 400 naming it, without calling user-service', async () => {
      const before = gateway.fakes.callsOf('rpc.users.register').length;

      const answer = await gateway.request('POST', '/auth/register', {
        body: { ...ada, role: 'admin' },
      });

      const problem = expectProblem(answer, 400, 'VALIDATION.FAILED');
      expect(problem.errors).toEqual([
        { field: 'role', problems: ['property role should not exist'] },
      ]);
      expect(gateway.fakes.callsOf('rpc.users.register')).toHaveLength(before);
    });

    it('rejects an unknown field inside the address, and a bad one, naming both', async () => {
      const answer = await gateway.request('POST', '/auth/register', {
        body: {
          ...ada,
          address: { line1: 'x', city: 'Paris', postalCode: '1', country: 'France', floor: 3 },
        },
      });

      const problem = expectProblem(answer, 400, 'VALIDATION.FAILED');
      expect(problem.errors?.map((e) => e.field).sort()).toEqual([
        'address.country',
        'address.floor',
      ]);
    });

    it('answers 409 USER.EMAIL_TAKEN when user-service says the email is taken', async () => {
      await gateway.fakes.reply(
        'rpc.users.register',
        rpcError('USER.EMAIL_TAKEN', 'ada@example.com is already registered'),
      );

      const answer = await gateway.request('POST', '/auth/register', { body: ada });

      const problem = expectProblem(answer, 409, 'USER.EMAIL_TAKEN');
      expect(problem).toMatchObject({
        title: 'The email is already registered',
        detail: 'ada@example.com is already registered',
        instance: '/auth/register',
      });
    });
  });

  describe('POST /auth/login and GET /users/me', () => {
    it('issues a Bearer token for the user that user-service names, which opens /users/me', async () => {
      const userId = crypto.randomUUID();
      await gateway.fakes.reply('rpc.users.login', { userId, role: 'user' });
      const profile: UserProfile = {
        id: userId,
        email: ada.email,
        name: ada.name,
        role: 'user',
        address: null,
        createdAt: '2025-01-15T10:00:00.000Z',
      };
      await gateway.fakes.answer('rpc.users.get-profile', ({ userId: asked }) =>
        asked === userId
          ? { reply: profile }
          : { reply: rpcError('USER.NOT_FOUND', `no user ${asked}`) },
      );

      const login = await gateway.request<{ accessToken: string }>('POST', '/auth/login', {
        body: { email: ada.email, password: ada.password },
      });

      expect(login.status).toBe(200);
      expect(login.headers.get('cache-control')).toBe('no-store');
      expect(login.body).toEqual({
        accessToken: anyString(),
        tokenType: 'Bearer',
        expiresIn: 900,
      });
      const claims = jwt.verify<{ sub: string; role: string; iat: number; exp: number }>(
        login.body.accessToken,
        { algorithms: ['HS256'] },
      );
      expect(claims).toMatchObject({ sub: userId, role: 'user' });
      expect(claims.exp - claims.iat).toBe(900);

      const me = await gateway.request('GET', '/users/me', { token: login.body.accessToken });
      expect(me.status).toBe(200);
      expect(me.body).toEqual(profile);
      expect(gateway.fakes.lastCallOf('rpc.users.get-profile').payload).toEqual({ userId });
    });

    it('answers 401 AUTH.INVALID_CREDENTIALS with a Bearer challenge for wrong credentials', async () => {
      await gateway.fakes.reply(
        'rpc.users.login',
        rpcError('AUTH.INVALID_CREDENTIALS', 'Email or password is wrong'),
      );

      const answer = await gateway.request('POST', '/auth/login', {
        body: { email: ada.email, password: 'wrong password' },
      });

      expectProblem(answer, 401, 'AUTH.INVALID_CREDENTIALS');
      expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="polyshop"');
    });

    it.each([
      ['no token', undefined],
      ['a token that is not a JWT', 'not-a-jwt'],
      ['an expired token', 'expired'],
      ['a token signed with another key', 'foreign'],
      ['an unsigned token (alg none)', 'unsigned'],
    ])('refuses /users/me with %s: 401 AUTH.UNAUTHENTICATED', async (_, kind) => {
      const tokens: Record<string, string> = {
        'not-a-jwt': 'not-a-jwt',
        expired: gateway.userWith('user', { expiresIn: -10 }).token,
        foreign: gateway.userWith('user', { secret: 'another-secret-of-at-least-32-characters' })
          .token,
        unsigned: `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(
          JSON.stringify({ sub: crypto.randomUUID(), role: 'admin' }),
        ).toString('base64url')}.`,
      };
      const calls = gateway.fakes.callsOf('rpc.users.get-profile').length;

      const answer = await gateway.request('GET', '/users/me', {
        token: kind === undefined ? undefined : tokens[kind],
      });

      expectProblem(answer, 401, 'AUTH.UNAUTHENTICATED');
      expect(gateway.fakes.callsOf('rpc.users.get-profile')).toHaveLength(calls);
    });
  });

  describe('roles', () => {
    const mug = { sku: 'MUG-01', name: 'Mug', price: 1290, currency: 'EUR', initialStock: 5 };

    it('answers 403 AUTH.FORBIDDEN when a user calls an admin route, without calling the service', async () => {
      const user = gateway.userWith('user');

      const answer = await gateway.request('POST', '/products', { token: user.token, body: mug });

      expectProblem(answer, 403, 'AUTH.FORBIDDEN');
      expect(gateway.fakes.callsOf('rpc.products.create')).toHaveLength(0);
    });

    it('lets an admin through to the service', async () => {
      const admin = gateway.userWith('admin');
      await gateway.fakes.answer('rpc.products.create', (request) => ({
        reply: {
          ...request,
          id: '665f1c2ab4d3e2f1a0b9c8d7',
          description: null,
          createdAt: '2025-01-15T10:00:00.000Z',
          updatedAt: '2025-01-15T10:00:00.000Z',
        },
      }));

      const answer = await gateway.request('POST', '/products', { token: admin.token, body: mug });

      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({ id: '665f1c2ab4d3e2f1a0b9c8d7', sku: 'MUG-01' });
    });
  });
});
