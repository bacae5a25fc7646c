import { Controller, Module, type Type } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp } from '@polyshop/service-runtime';
import { NatsServerProcess } from '@polyshop/testing';
import { JSONCodec, type NatsConnection } from 'nats';
import { NATS_CONNECTION } from './nats.constants';
import { NatsModule } from './nats.module';

const USER = 'inventory-service';
// What a URL must percent-encode: the app has to decode it to log in.
const PASSWORD = 'p@ss:w/rd%';
const ECHO = 'credentials.echo';

@Controller()
class EchoController {
  @MessagePattern(ECHO)
  echo(@Payload() data: string): string {
    return `echo ${data}`;
  }
}

/** An app whose NATS_URL is `natsUrl`, with the shared connection and/or the RPC server. */
function appModule(natsUrl: string, { shared }: { shared: boolean }): Type<unknown> {
  @Module({
    imports: [
      ConfigModule.forRoot({
        isGlobal: true,
        ignoreEnvFile: true,
        load: [() => ({ NATS_URL: natsUrl })],
      }),
      ...(shared ? [NatsModule.forRoot(USER)] : []),
    ],
    controllers: [EchoController],
  })
  class CredentialsTestModule {}
  return CredentialsTestModule;
}

describe('NATS credentials from NATS_URL', () => {
  let broker: NatsServerProcess;
  const apps: NestFastifyApplication[] = [];
  const urlWith = (password: string) =>
    `nats://${USER}:${encodeURIComponent(password)}@127.0.0.1:${broker.port}`;

  const create = async (natsUrl: string, shared: boolean) => {
    const app = await createServiceApp(appModule(natsUrl, { shared }), {
      name: USER,
      rpcServer: true,
    });
    app.useLogger(false);
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    broker = await NatsServerProcess.start({ user: USER, password: PASSWORD });
  });

  afterEach(async () => {
    await Promise.allSettled(apps.splice(0).map((app) => app.close()));
  });

  afterAll(() => broker?.dispose());

  it("logs the app's shared connection and its RPC server in as the URL's user", async () => {
    const app = await create(urlWith(PASSWORD), true);
    await app.startAllMicroservices();
    await app.init();

    // Through the shared connection (NatsModule) to the RPC server (createServiceApp).
    // Nest's NATS packets: `{ pattern, data, id }` out, `{ response, id, ... }` back.
    const codec = JSONCodec<Record<string, unknown>>();
    const reply = await app
      .get<NatsConnection>(NATS_CONNECTION)
      .request(ECHO, codec.encode({ pattern: ECHO, data: 'hi', id: '1' }), { timeout: 5_000 });
    expect(codec.decode(reply.data)).toMatchObject({ id: '1', response: 'echo hi' });
  });

  it('fails to create the app when the shared connection has a wrong password', async () => {
    await expect(create(urlWith('wrong'), true)).rejects.toThrow('Authorization Violation');
  });

  it('fails to start the RPC server when it has a wrong password', async () => {
    const app = await create(urlWith('wrong'), false);
    await expect(app.startAllMicroservices()).rejects.toThrow('Authorization Violation');
  });
});
