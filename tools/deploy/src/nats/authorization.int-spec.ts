import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AckPolicy,
  connect,
  type JetStreamClient,
  type JetStreamManager,
  type NatsConnection,
} from 'nats';
import {
  EVENTS,
  STREAMS,
  SERVICES,
  deadLetterSubject,
  durableName,
  type EventSubject,
} from '@polyshop/contracts';
import { DeadLetters } from '@polyshop/messaging';
import { waitFor } from '@polyshop/testing';
import { generateSecrets } from '../secrets/secrets';
import {
  ADMIN_USER,
  consumedBy,
  passwordVariable,
  producedBy,
  renderAuthorization,
} from './permissions';

/**
 * The generated users on a real nats-server (the machine's own binary, on a port of its own):
 * each service does what @polyshop/messaging does at boot and while running (streams, its
 * durable consumers, publishing its events, pulling and acknowledging, dead letters, RPC), and is
 * refused what belongs to another service.
 */
const PORT = 24_222;
// Passwords as the deployments get them (nats-server parses them from its environment).
const secrets = generateSecrets();
const password = (user: string) => secrets.get(passwordVariable(user)) ?? '';

let dir: string;
let server: ChildProcess;
const connections = new Map<string, NatsConnection>();

const as = async (user: string): Promise<NatsConnection> => {
  const existing = connections.get(user);
  if (existing) return existing;
  const connection = await connect({ servers: `127.0.0.1:${PORT}`, user, pass: password(user) });
  connections.set(user, connection);
  return connection;
};
const jsOf = async (user: string): Promise<[JetStreamClient, JetStreamManager]> => {
  const connection = await as(user);
  return [connection.jetstream(), await connection.jetstreamManager()];
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'polyshop-nats-auth-'));
  writeFileSync(join(dir, 'authorization.conf'), renderAuthorization());
  writeFileSync(
    join(dir, 'nats.conf'),
    `port: ${PORT}\nhost: 127.0.0.1\njetstream { store_dir: "${join(dir, 'js')}" }\ninclude ./authorization.conf\n`,
  );
  const env = Object.fromEntries(
    [...SERVICES, ADMIN_USER].map((user) => [passwordVariable(user), password(user)]),
  );
  server = spawn('nats-server', ['-c', join(dir, 'nats.conf')], {
    stdio: 'ignore',
    env: { ...process.env, ...env, PATH: `${process.env.PATH}:/usr/sbin` },
  });
  await waitFor(
    () => as(ADMIN_USER).then(() => true),
    (up) => up,
    { description: 'nats-server with the generated users', timeoutMs: 10_000 },
  );
});

afterAll(async () => {
  for (const connection of connections.values()) await connection.close();
  server?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

const JETSTREAM_SERVICES = SERVICES.filter(
  (service) => producedBy(service).length > 0 || consumedBy(service).length > 0,
);

describe('the generated NATS users on a real server', () => {
  it('let every service provision the streams and its own durable consumers', async () => {
    for (const service of JETSTREAM_SERVICES) {
      const [, jsm] = await jsOf(service);
      for (const stream of Object.values(STREAMS)) {
        const info = await jsm.streams.info(stream.name).catch(() => null);
        const config = { name: stream.name, subjects: [...stream.subjects] };
        await (info ? jsm.streams.update(stream.name, config) : jsm.streams.add(config));
      }
      for (const subject of consumedBy(service)) {
        const durable = durableName(service, subject);
        await jsm.consumers.add(EVENTS[subject].stream, {
          durable_name: durable,
          filter_subject: subject,
          ack_policy: AckPolicy.Explicit,
        });
        await jsm.consumers.update(EVENTS[subject].stream, durable, { max_deliver: 10 });
      }
    }
  });

  it('let a producer publish its events, and its consumers pull and acknowledge them', async () => {
    for (const service of JETSTREAM_SERVICES) {
      const [js] = await jsOf(service);
      for (const subject of producedBy(service)) {
        await js.publish(subject, '{}');
        for (const consumer of EVENTS[subject].consumers) {
          const [consumerJs, consumerJsm] = await jsOf(consumer);
          const durable = durableName(consumer, subject);
          const pulled = await consumerJs.consumers.get(EVENTS[subject].stream, durable);
          const messages = await pulled.fetch({ max_messages: 1, expires: 2_000 });
          for await (const message of messages) {
            message.working();
            message.ack();
          }
          await waitFor(
            () => consumerJsm.consumers.info(EVENTS[subject].stream, durable),
            (info) => info.num_pending === 0 && info.num_ack_pending === 0,
            { description: `${durable} drained` },
          );
        }
      }
    }
  });

  it("refuse a service another service's events and consumers", async () => {
    // order-service may republish what it consumes (dead-letter replay), nothing else.
    const [orderJs] = await jsOf('order-service');
    await expect(orderJs.publish('user.registered.v1', '{}', { timeout: 1_000 })).rejects.toThrow();
    const [inventoryJs] = await jsOf('inventory-service');
    const orders = durableName('order-service', 'payment.succeeded.v1');
    await expect(inventoryJs.consumers.get(STREAMS.PAYMENT.name, orders)).rejects.toThrow();
    const [, adminJsm] = await jsOf(ADMIN_USER);
    expect((await adminJsm.streams.info(STREAMS.USER.name)).state.messages).toBe(
      producedBy('user-service').length,
    );
  });

  it('let a service answer its RPC patterns, called by the gateway, and nobody else answer them', async () => {
    const users = await as('user-service');
    const subscription = users.subscribe('rpc.users.login', { queue: 'user-service' });
    void (async () => {
      for await (const request of subscription) request.respond(request.data);
    })();
    await users.flush();
    const gateway = await as('api-gateway');
    const reply = await gateway.request('rpc.users.login', 'ping', { timeout: 2_000 });
    expect(reply.string()).toBe('ping');
    const products = await as('product-service');
    const intruder = products.subscribe('rpc.users.login');
    await expect(
      (async () => {
        for await (const request of intruder) return request;
      })(),
    ).rejects.toThrow(/Permissions Violation/);
    await expect(products.request('rpc.orders.place', '{}', { timeout: 1_000 })).rejects.toThrow();
  });

  it("let a consumer dead-letter, list and replay its own dead letters, and not another's", async () => {
    const subject: EventSubject = 'inventory.stock-reserved.v1';
    const [orderJs, orderJsm] = await jsOf('order-service');
    await orderJs.publish(deadLetterSubject('order-service', subject), '{"poison":true}');
    const letters = new DeadLetters(orderJs, orderJsm);
    const [letter] = await letters.list('order-service');
    expect(letter).toMatchObject({ service: 'order-service', subject, payload: '{"poison":true}' });
    await letters.replay(letter.seq, 'order-service');
    expect(await letters.list('order-service')).toEqual([]);
    const [paymentJs, paymentJsm] = await jsOf('payment-service');
    await expect(
      paymentJs.publish(deadLetterSubject('order-service', subject), '{}', { timeout: 1_000 }),
    ).rejects.toThrow();
    await expect(
      paymentJsm.consumers.add(STREAMS.DEAD_LETTERS.name, {
        name: 'peek',
        filter_subject: deadLetterSubject('order-service', '>'),
        ack_policy: AckPolicy.None,
      }),
    ).rejects.toThrow();
  });
});
