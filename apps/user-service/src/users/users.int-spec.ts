import { randomUUID } from 'node:crypto';
import {
  isRpcError,
  RPC_PATTERNS,
  type RegisteredUser,
  type RpcErrorReply,
} from '@polyshop/contracts';
import { UserServiceTestApp } from '../testing/user-service.test-app';
import { EmailBlindIndex } from './pii/email-blind-index';

/** Asymmetric matchers typed as the value they stand for. */
const anyString = () => expect.any(String) as string;
const matching = (pattern: RegExp) => expect.stringMatching(pattern) as string;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Someone no other run uses: the email, name and address carry a fresh tag. */
function newcomer() {
  const tag = randomUUID();
  return {
    email: `Ada.${tag}@Example.com`,
    password: 'correct horse battery',
    name: `Ada Lovelace ${tag}`,
    address: {
      line1: `12 ${tag} Street`,
      city: 'London',
      postalCode: 'N1 9GU',
      country: 'GB',
      phone: '+447700900123',
    },
  };
}

describe('user-service accounts over RPC (PostgreSQL, NATS)', () => {
  let service: UserServiceTestApp;
  const created: string[] = [];

  const register = async (payload: object) => {
    const user = await service.callOk(RPC_PATTERNS.USERS_REGISTER, payload);
    created.push(user.id);
    return user;
  };

  beforeAll(async () => {
    service = await UserServiceTestApp.start();
  });

  afterAll(async () => {
    await service?.deleteUsers(created);
    await service?.close();
  });

  describe('register', () => {
    it('answers {id, email, name} and stores the PII only as ciphertexts and a blind index', async () => {
      const ada = newcomer();

      const reply = await register(ada);

      expect(reply).toEqual({ id: matching(UUID), email: ada.email, name: ada.name });
      const row = await service.rawRow(reply.id);
      expect(row).toBeDefined();
      for (const clear of [
        ada.email,
        ada.email.toLowerCase(),
        ada.name,
        ada.address.line1,
        ada.address.phone,
        ada.password,
      ]) {
        expect(row).not.toContain(clear);
      }
      expect(JSON.parse(row ?? '{}')).toMatchObject({
        id: reply.id,
        role: 'user',
        email_encrypted: matching(/^v1\.dev1\./),
        name_encrypted: matching(/^v1\.dev1\./),
        address_encrypted: matching(/^v1\.dev1\./),
        password_hash: matching(/^\$argon2id\$/),
        email_index: matching(/^\\x[0-9a-f]{64}$/),
      });
    });

    it('publishes exactly one user.registered.v1 carrying only the user id and role', async () => {
      const probe = await service.probe();
      const ada = newcomer();

      const { id } = await register(ada);

      const [event] = await service.publishedRegistration(id);
      expect(event.envelope).toMatchObject({
        type: 'user.registered',
        version: 1,
        producer: 'user',
        data: { userId: id, role: 'user' },
      });
      expect(Object.keys(event.envelope.data).sort()).toEqual(['role', 'userId']);
      for (const clear of [ada.email, ada.name, ada.address.line1]) {
        expect(event.payload.toLowerCase()).not.toContain(clear.toLowerCase());
      }
      const copies = await probe.copiesOf('user.registered.v1', event.id);
      expect(copies).toHaveLength(1);
      expect(copies[0].payload).toBe(event.payload);
    });

    it('answers USER.EMAIL_TAKEN to the same email in another case, keeping one account and one event', async () => {
      const ada = newcomer();
      const first = await register(ada);

      const again = await service.call(RPC_PATTERNS.USERS_REGISTER, {
        ...newcomer(),
        email: ada.email.toUpperCase(),
      });

      expect(again).toEqual({
        code: 'USER.EMAIL_TAKEN',
        message: anyString(),
        status: 409,
      });
      const [{ count }] = await service.db.query<{ count: string }[]>(
        'SELECT count(*) FROM users WHERE email_index = (SELECT email_index FROM users WHERE id = $1)',
        [first.id],
      );
      expect(count).toBe('1');
      expect(await service.registeredEvents(first.id)).toHaveLength(1);
    });

    it('lets exactly one of two concurrent registrations of an email through', async () => {
      const ada = newcomer();

      const replies = await Promise.all([
        service.call(RPC_PATTERNS.USERS_REGISTER, ada),
        service.call(RPC_PATTERNS.USERS_REGISTER, { ...ada, email: ada.email.toLowerCase() }),
      ]);

      const losers = replies.filter(isRpcError);
      const winners = replies.filter((reply): reply is RegisteredUser => !isRpcError(reply));
      expect(losers.map((reply) => reply.code)).toEqual(['USER.EMAIL_TAKEN']);
      expect(winners).toHaveLength(1);
      created.push(winners[0].id);
      expect(await service.registeredEvents(winners[0].id)).toHaveLength(1);
    });

    it('answers VALIDATION.FAILED naming every bad field, and creates no account', async () => {
      const email = `not-an-email-${randomUUID()}`;

      const reply = await service.call(RPC_PATTERNS.USERS_REGISTER, {
        email,
        password: 'short',
        name: 'Ada',
        role: 'admin',
      });

      expect(reply).toMatchObject({ code: 'VALIDATION.FAILED', status: 400 });
      expect((reply as RpcErrorReply).fields?.map((f) => f.field).sort()).toEqual([
        'email',
        'password',
        'role',
      ]);
      const rows = await service.db.query<unknown[]>(
        'SELECT id FROM users WHERE email_index = $1',
        [service.app.get(EmailBlindIndex).of(email)],
      );
      expect(rows).toEqual([]);
    });
  });

  describe('login', () => {
    it('answers the user id and role for the right password, whatever the case of the email', async () => {
      const ada = newcomer();
      const { id } = await register(ada);

      const reply = await service.call(RPC_PATTERNS.USERS_LOGIN, {
        email: ada.email.toLowerCase(),
        password: ada.password,
      });

      expect(reply).toEqual({ userId: id, role: 'user' });
    });

    it('answers AUTH.INVALID_CREDENTIALS, identically, to a wrong password and to an unknown email', async () => {
      const ada = newcomer();
      await register(ada);

      const wrongPassword = await service.call(RPC_PATTERNS.USERS_LOGIN, {
        email: ada.email,
        password: 'battery staple horse',
      });
      const unknownEmail = await service.call(RPC_PATTERNS.USERS_LOGIN, {
        email: newcomer().email,
        password: ada.password,
      });

      expect(wrongPassword).toEqual({
        code: 'AUTH.INVALID_CREDENTIALS',
        message: anyString(),
        status: 401,
      });
      expect(unknownEmail).toEqual(wrongPassword);
    });
  });

  describe('get-profile', () => {
    it('returns the PII decrypted, with the role and creation time', async () => {
      const ada = newcomer();
      const { id } = await register(ada);

      const profile = await service.call(RPC_PATTERNS.USERS_GET_PROFILE, { userId: id });

      expect(profile).toEqual({
        id,
        email: ada.email,
        name: ada.name,
        role: 'user',
        address: ada.address,
        createdAt: matching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      });
    });

    it('answers address null for an account registered without one', async () => {
      const { email, password, name } = newcomer();
      const ada = { email, password, name };
      const { id } = await register(ada);

      const profile = await service.callOk(RPC_PATTERNS.USERS_GET_PROFILE, { userId: id });

      expect(profile).toMatchObject({ id, email: ada.email, name: ada.name, address: null });
    });

    it('answers USER.NOT_FOUND for an unknown user id', async () => {
      const reply = await service.call(RPC_PATTERNS.USERS_GET_PROFILE, { userId: randomUUID() });

      expect(reply).toEqual({ code: 'USER.NOT_FOUND', message: anyString(), status: 404 });
    });
  });
});
