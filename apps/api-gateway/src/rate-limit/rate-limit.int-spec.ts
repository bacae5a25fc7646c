import { expectProblem, GatewayHarness } from '../testing/gateway-harness';

const order = {
  items: [{ productId: '665f1c2ab4d3e2f1a0b9c8d7', quantity: 1 }],
  paymentToken: 'tok_visa',
};

describe('rate limits', () => {
  let gateway: GatewayHarness;

  beforeAll(async () => {
    gateway = await GatewayHarness.start({ RATE_LIMIT_AUTH: '3', RATE_LIMIT_ORDERS: '2' });
    await gateway.fakes.reply('rpc.users.login', { userId: crypto.randomUUID(), role: 'user' });
    await gateway.fakes.answer('rpc.orders.place', () => ({
      reply: { id: crypto.randomUUID(), status: 'PENDING' as const },
    }));
  });

  afterAll(() => gateway?.stop());

  const login = () =>
    gateway.request('POST', '/auth/login', {
      body: { email: 'ada@example.com', password: 'correct horse battery' },
    });

  it('answers 429 RATE_LIMIT.EXCEEDED with Retry-After once a client passed the auth limit', async () => {
    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt += 1) statuses.push((await login()).status);
    const limited = await login();

    expect(statuses).toEqual([200, 200, 200]);
    expectProblem(limited, 429, 'RATE_LIMIT.EXCEEDED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(gateway.fakes.callsOf('rpc.users.login')).toHaveLength(3);
  });

  it('limits order placement per user, leaving other users free to order', async () => {
    const alice = gateway.userWith('user');
    const bob = gateway.userWith('user');
    const place = (token: string) => gateway.request('POST', '/orders', { token, body: order });

    const aliceStatuses = [(await place(alice.token)).status, (await place(alice.token)).status];
    const aliceLimited = await place(alice.token);
    const bobAnswer = await place(bob.token);

    expect(aliceStatuses).toEqual([202, 202]);
    expectProblem(aliceLimited, 429, 'RATE_LIMIT.EXCEEDED');
    expect(bobAnswer.status).toBe(202);
  });

  it('does not limit the routes without a limit', async () => {
    const user = gateway.userWith('user');
    await gateway.fakes.reply('rpc.orders.list-mine', { items: [], total: 0 });

    const statuses = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      statuses.push((await gateway.request('GET', '/orders', { token: user.token })).status);
    }

    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
  });
});
