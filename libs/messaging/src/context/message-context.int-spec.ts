import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import {
  ClientProxyFactory,
  MessagePattern,
  NatsRecordBuilder,
  Transport,
  type ClientProxy,
} from '@nestjs/microservices';
import { createServiceApp } from '@polyshop/service-runtime';
import { NatsServerProcess } from '@polyshop/testing';
import { headers as natsHeaders } from 'nats';
import { lastValueFrom } from 'rxjs';
import { MessagingModule } from '../messaging.module';
import { HEADERS } from '../publishing/headers';
import { currentMessageContext, type MessageContext } from '@polyshop/observability';
import { HTTP_CORRELATION_HEADER } from './message-context.interceptor';
import { parseTraceparent } from '@polyshop/observability';

const PATTERN = 'rpc.test.context';

@Controller()
class ContextProbe {
  @Get('context')
  http(): MessageContext | undefined {
    return currentMessageContext();
  }

  @MessagePattern(PATTERN, Transport.NATS)
  rpc(): MessageContext | undefined {
    return currentMessageContext();
  }
}

@Module({
  imports: [
    ConfigModule.forRoot({ ignoreEnvFile: true, isGlobal: true }),
    MessagingModule.forRoot('user-service'),
  ],
  controllers: [ContextProbe],
})
class ProbeModule {}

describe('message context of requests', () => {
  const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
  let broker: NatsServerProcess;
  let app: INestApplication;
  let client: ClientProxy;
  let baseUrl: string;

  beforeAll(async () => {
    broker = await NatsServerProcess.start();
    process.env.NATS_URL = broker.url;
    app = await createServiceApp(ProbeModule, { name: 'user-service', rpcServer: true });
    app.useLogger(false);
    await app.startAllMicroservices();
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
    client = ClientProxyFactory.create({
      transport: Transport.NATS,
      options: { servers: [broker.url] },
    });
  });

  afterAll(async () => {
    await client.close();
    await app.close();
    await broker.dispose();
  });

  const overHttp = async (headers: Record<string, string> = {}) =>
    (await (await fetch(`${baseUrl}/context`, { headers })).json()) as MessageContext;

  it("continues an HTTP caller's correlation id and trace as a root (no cause)", async () => {
    const context = await overHttp({ [HTTP_CORRELATION_HEADER]: 'checkout-42', traceparent });
    expect(context).toEqual({ correlationId: 'checkout-42', causationId: null, traceparent });
  });

  it('starts a new correlation id and a valid trace when the HTTP caller sent none or bad ones', async () => {
    const first = await overHttp({ traceparent: 'garbage' });
    const second = await overHttp();
    expect(parseTraceparent(first.traceparent)).toBe(first.traceparent);
    expect(first.traceparent).not.toBe('garbage');
    expect(first.correlationId).not.toBe(second.correlationId);
  });

  it('continues the correlation id and trace sent in NATS request headers', async () => {
    const headers = natsHeaders();
    headers.set(HEADERS.correlationId, 'order-7');
    headers.set(HEADERS.traceparent, traceparent);
    const record = new NatsRecordBuilder({}).setHeaders(headers).build();
    const context = await lastValueFrom(client.send<MessageContext>(PATTERN, record));
    expect(context).toEqual({ correlationId: 'order-7', causationId: null, traceparent });
  });

  it('keeps concurrent requests in their own contexts', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `request-${i}`);
    const contexts = await Promise.all(
      ids.map((id) => overHttp({ [HTTP_CORRELATION_HEADER]: id })),
    );
    expect(contexts.map((c) => c.correlationId)).toEqual(ids);
  });
});
