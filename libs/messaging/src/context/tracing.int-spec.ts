import { randomUUID } from 'node:crypto';
import {
  Body,
  Controller,
  Injectable,
  Module,
  Post,
  type INestApplication,
  type OnApplicationShutdown,
  type Type,
} from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_INTERCEPTOR } from '@nestjs/core';
import {
  ClientProxyFactory,
  MessagePattern,
  NatsRecordBuilder,
  Payload,
  Transport,
  type ClientProxy,
} from '@nestjs/microservices';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace';
import { SUBJECTS, type EventData, type EventSubject, type ServiceName } from '@polyshop/contracts';
import { currentMessageContext, startTracing, type Tracing } from '@polyshop/observability';
import { createServiceApp, type ServiceAppOptions } from '@polyshop/service-runtime';
import { NatsServerProcess, waitFor } from '@polyshop/testing';
import { lastValueFrom } from 'rxjs';
import { connectJetStream } from '../jetstream/jetstream-transport';
import { OnEvent } from '../jetstream/on-event.decorator';
import { MessagingModule } from '../messaging.module';
import { NatsModule } from '../nats/nats.module';
import {
  createOutgoingEvent,
  type OutgoingEventOptions,
} from '../publishing/create-outgoing-event';
import { EventPublisher } from '../publishing/event-publisher';
import { MessageContextInterceptor } from './message-context.interceptor';
import { requestInContext } from './message-spans';

const PLACE = 'rpc.test.place';
const CALLER = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const [, CALLER_TRACE, CALLER_SPAN] = CALLER.split('-');
const PRODUCT = '64b7f0c2a1b2c3d4e5f60718';

/** What each hop saw: its message context's traceparent and the active OpenTelemetry span. */
interface Seen {
  hop: string;
  traceparent: string | undefined;
  activeSpanId: string | undefined;
}

@Injectable()
class Journal {
  readonly seen: Seen[] = [];
  /** Fails the first payment attempt, to show a retry as an error span. */
  paymentFailuresLeft = 1;

  note(hop: string): void {
    this.seen.push({
      hop,
      traceparent: currentMessageContext()?.traceparent,
      activeSpanId: trace.getActiveSpan()?.spanContext().spanId,
    });
  }
}

/** Publishes as the outbox relay does, through the `EventPublisher`. */
const publish = async <S extends EventSubject>(
  publisher: EventPublisher,
  subject: S,
  data: EventData<S>,
  options?: OutgoingEventOptions,
) => {
  const [outcome] = await publisher.publishBatch([createOutgoingEvent(subject, data, options)]);
  if (!outcome.ok) throw new Error(outcome.error);
};

/** The edge: HTTP in, core-NATS request out (as the gateway's `RpcClient` makes it). */
@Controller()
class CheckoutController implements OnApplicationShutdown {
  private readonly client: ClientProxy = ClientProxyFactory.create({
    transport: Transport.NATS,
    options: { servers: [process.env.NATS_URL ?? ''] },
  });

  @Post('checkout')
  checkout(@Body() body: { orderId: string }): Promise<unknown> {
    return requestInContext(PLACE, (headers) =>
      lastValueFrom(
        this.client.send<unknown>(PLACE, new NatsRecordBuilder(body).setHeaders(headers).build()),
      ),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await (this.client.close() as Promise<void>);
  }
}

/** order-service's part: the request places the order and publishes `order.placed.v1`. */
@Controller()
class PlaceOrderHandler {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly journal: Journal,
  ) {}

  @MessagePattern(PLACE, Transport.NATS)
  async place(@Payload() { orderId }: { orderId: string }): Promise<{ orderId: string }> {
    this.journal.note('place');
    await publish(
      this.publisher,
      SUBJECTS.ORDER_PLACED_V1,
      {
        orderId,
        userId: randomUUID(),
        items: [{ productId: PRODUCT, quantity: 1, unitPrice: 1250 }],
        total: 1250,
        currency: 'EUR',
        paymentToken: 'tok_visa',
      },
      { correlationId: orderId },
    );
    return { orderId };
  }
}

/** inventory-service's part: reserves, publishing `inventory.stock-reserved.v1`. */
@Controller()
class ReserveHandler {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly journal: Journal,
  ) {}

  @OnEvent(SUBJECTS.ORDER_PLACED_V1)
  async reserve(@Payload() placed: EventData<'order.placed.v1'>): Promise<void> {
    this.journal.note('reserve');
    await publish(this.publisher, SUBJECTS.INVENTORY_STOCK_RESERVED_V1, {
      orderId: placed.orderId,
      items: [{ productId: PRODUCT, quantity: 1 }],
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    });
  }
}

/** payment-service's part: charges, failing its first attempt. */
@Controller()
class ChargeHandler {
  constructor(private readonly journal: Journal) {}

  @OnEvent(SUBJECTS.INVENTORY_STOCK_RESERVED_V1)
  charge(): void {
    this.journal.note('charge');
    if (this.journal.paymentFailuresLeft-- > 0) throw new Error('PSP timed out');
  }
}

const config = ConfigModule.forRoot({ ignoreEnvFile: true, isGlobal: true });

@Module({
  imports: [config, NatsModule.forRoot('api-gateway')],
  controllers: [CheckoutController],
  providers: [{ provide: APP_INTERCEPTOR, useClass: MessageContextInterceptor }],
})
class EdgeModule {}

const serviceModule = (service: ServiceName, handler: Type<unknown>): Type<unknown> => {
  @Module({
    imports: [config, MessagingModule.forRoot(service)],
    controllers: [handler],
    providers: [Journal],
  })
  class ServiceModule {}
  return ServiceModule;
};

describe('tracing across HTTP, request/reply and JetStream', () => {
  // What the OTLP exporter would send, kept in memory (its HTTP transport loads `http` with a
  // dynamic import, which jest's module sandbox cannot run).
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing | undefined;
  let broker: NatsServerProcess;
  const apps: INestApplication[] = [];

  const start = async (module: Type<unknown>, options: ServiceAppOptions) => {
    const app = await createServiceApp(module, options);
    app.useLogger(false);
    apps.push(app);
    await app.startAllMicroservices();
    await app.listen(0, '127.0.0.1');
    return app;
  };
  const consuming = (service: ServiceName, handler: Type<unknown>) =>
    start(serviceModule(service, handler), {
      name: service,
      rpcServer: true,
      connect: (app) => connectJetStream(app, { service, retryBaseDelayMs: 100, ackWaitMs: 5_000 }),
    });

  beforeAll(async () => {
    broker = await NatsServerProcess.start();
    process.env.NATS_URL = broker.url;
    // Started before the apps: their TracingModule leaves it to this test.
    tracing = startTracing({
      serviceName: 'polyshop-test',
      spanProcessor: new SimpleSpanProcessor({ exporter }),
    });
  });

  afterAll(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
    await tracing?.shutdown();
    await broker.dispose();
  });

  it('makes one trace of a request, its call, the events it causes and their consumption', async () => {
    const edge = await start(EdgeModule, { name: 'api-gateway', rpcServer: false });
    const order = await start(serviceModule('order-service', PlaceOrderHandler), {
      name: 'order-service',
      rpcServer: true,
    });
    const inventory = await consuming('inventory-service', ReserveHandler);
    await consuming('payment-service', ChargeHandler);

    const orderId = randomUUID();
    const response = await fetch(`${await edge.getUrl()}/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: CALLER },
      body: JSON.stringify({ orderId }),
    });
    expect(response.status).toBe(201);
    const CHARGE = 'process inventory.stock-reserved.v1';
    await waitFor(
      () => Promise.resolve(exporter.getFinishedSpans()),
      (ended) => ended.filter((span) => span.name === CHARGE).length === 2,
      { description: 'the payment handler retried once, and both spans ended' },
    );

    const spans = exporter
      .getFinishedSpans()
      .filter((span) => span.spanContext().traceId === CALLER_TRACE);
    const only = (name: string, kind: SpanKind) => {
      const found = spans.filter((span) => span.name === name && span.kind === kind);
      expect(found).toHaveLength(1);
      return found[0];
    };
    const idOf = (span: ReadableSpan) => span.spanContext().spanId;
    const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
    const http = only('POST /checkout', SpanKind.SERVER);
    const call = only(PLACE, SpanKind.CLIENT);
    const served = only(PLACE, SpanKind.SERVER);
    const sendPlaced = only('send order.placed.v1', SpanKind.PRODUCER);
    const reserve = only('process order.placed.v1', SpanKind.CONSUMER);
    const sendReserved = only('send inventory.stock-reserved.v1', SpanKind.PRODUCER);
    const charges = spans.filter((span) => span.name === CHARGE && span.kind === SpanKind.CONSUMER);

    expect(spans).toHaveLength(8);
    expect(parentOf(http)).toBe(CALLER_SPAN);
    expect(parentOf(call)).toBe(idOf(http));
    expect(parentOf(served)).toBe(idOf(call));
    expect(parentOf(sendPlaced)).toBe(idOf(served));
    expect(parentOf(reserve)).toBe(idOf(sendPlaced));
    expect(parentOf(sendReserved)).toBe(idOf(reserve));
    expect(charges.map(parentOf)).toEqual([idOf(sendReserved), idOf(sendReserved)]);

    expect(http.attributes['http.response.status_code']).toBe(201);
    expect(sendPlaced.attributes).toMatchObject({
      'messaging.destination.name': 'order.placed.v1',
      'messaging.message.conversation_id': orderId,
    });
    expect(reserve.attributes).toMatchObject({
      'messaging.destination.name': 'order.placed.v1',
      'messaging.consumer.group.name': 'inventory-order-placed-v1',
      'polyshop.delivery.attempt': 1,
      'polyshop.consumption.outcome': 'PROCESSED',
    });
    const byAttempt = charges
      .map((span) => ({
        attempt: span.attributes['polyshop.delivery.attempt'],
        outcome: span.attributes['polyshop.consumption.outcome'],
        status: span.status.code,
      }))
      .sort((a, b) => Number(a.attempt) - Number(b.attempt));
    expect(byAttempt).toEqual([
      { attempt: 1, outcome: 'RETRIED', status: SpanStatusCode.ERROR },
      { attempt: 2, outcome: 'PROCESSED', status: SpanStatusCode.UNSET },
    ]);

    // Each handler ran inside its span: the message context carries it, and it is active.
    const traceparentOf = (span: ReadableSpan) => `00-${CALLER_TRACE}-${idOf(span)}-01`;
    expect(order.get(Journal).seen).toEqual([
      { hop: 'place', traceparent: traceparentOf(served), activeSpanId: idOf(served) },
    ]);
    expect(inventory.get(Journal).seen).toEqual([
      { hop: 'reserve', traceparent: traceparentOf(reserve), activeSpanId: idOf(reserve) },
    ]);
  });
});
