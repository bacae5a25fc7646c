/**
 * J: the saga's hops over JetStream with nothing else. Three apps in one process, each the
 * consumer of the service it stands for, with the platform's streams, consumer settings,
 * transport and payloads (`@polyshop/messaging`), and no store: `POST /orders` (the gateway's
 * validation and JWT check) publishes `order.placed.v1`, inventory answers with
 * `inventory.stock-reserved.v1`, payment (having seen the order, as payment-service records its
 * intent) with `payment.succeeded.v1`, and order stamps the saga done and publishes
 * `order.confirmed.v1`. The consumptions S makes that change nothing here (order on
 * stock-reserved, inventory on payment.succeeded) are made too, so every hop of S is.
 *
 * Env: NATS_URL, BENCH_J_HTTP_PORT, JWT_SECRET. Started by the bench harness.
 */
import { randomUUID } from 'node:crypto';
import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Injectable,
  Module,
  Post,
  ServiceUnavailableException,
  UnauthorizedException,
  ValidationPipe,
  type Type,
} from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { Ctx, Payload } from '@nestjs/microservices';
import { OmitType } from '@nestjs/swagger';
import {
  PlaceOrderRequest,
  SUBJECTS,
  type EventData,
  type EventSubject,
  type ServiceName,
} from '@polyshop/contracts';
import {
  EventPublisher,
  MessagingModule,
  OnEvent,
  connectJetStream,
  createOutgoingEvent,
  type JetStreamContext,
} from '@polyshop/messaging';
import { createServiceApp } from '@polyshop/service-runtime';
import { isUUID } from 'class-validator';
import { epochMs } from '../../load/clock';

/** No price replica here: every line costs the same. */
const UNIT_PRICE = 1_000;
const RESERVATION_TTL_MS = 60_000;

class PlaceOrderBody extends OmitType(PlaceOrderRequest, ['userId', 'idempotencyKey'] as const) {}

/** tsx emits no decorator metadata: the gateway's pipe options, with the body type named. */
const placeOrderPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
  expectedType: PlaceOrderBody,
});

/** When each saga ended (epoch ms), until the harness collects it. */
@Injectable()
class Completions {
  readonly at = new Map<string, number>();
}

/** What payment "recorded" of each order placed: its amount. */
@Injectable()
class Intents {
  readonly amounts = new Map<string, { amount: number; currency: string }>();
}

const publish = async <S extends EventSubject>(
  publisher: EventPublisher,
  subject: S,
  data: EventData<S>,
  correlationId?: string,
) => {
  const [outcome] = await publisher.publishBatch([
    createOutgoingEvent(subject, data, correlationId === undefined ? {} : { correlationId }),
  ]);
  if (!outcome.ok) throw new Error(`${subject} not published: ${outcome.error}`);
};

@Controller()
class OrderHttpController {
  private readonly jwt = new JwtService({
    secret: process.env.JWT_SECRET,
    verifyOptions: { algorithms: ['HS256'] },
  });

  constructor(
    @Inject(EventPublisher) private readonly publisher: EventPublisher,
    @Inject(Completions) private readonly completions: Completions,
  ) {}

  @Post('orders')
  @HttpCode(202)
  async place(
    @Headers('authorization') authorization: string | undefined,
    @Body(placeOrderPipe) body: PlaceOrderBody,
  ): Promise<{ id: string; status: 'PENDING' }> {
    const userId = await this.userOf(authorization);
    const orderId = randomUUID();
    const items = body.items.map(({ productId, quantity }) => ({
      productId,
      quantity,
      unitPrice: UNIT_PRICE,
    }));
    const total = items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0);
    try {
      await publish(
        this.publisher,
        SUBJECTS.ORDER_PLACED_V1,
        { orderId, userId, items, total, currency: 'EUR', paymentToken: body.paymentToken },
        orderId,
      );
    } catch (error) {
      throw new ServiceUnavailableException(String(error));
    }
    return { id: orderId, status: 'PENDING' };
  }

  /** The end times of the sagas named, forgotten once read. */
  @Post('bench/terminals')
  @HttpCode(200)
  terminals(@Body() body: { ids: string[] }): Record<string, number> {
    const found: Record<string, number> = {};
    for (const id of body.ids) {
      const at = this.completions.at.get(id);
      if (at === undefined) continue;
      found[id] = at;
      this.completions.at.delete(id);
    }
    return found;
  }

  @Get('bench/ready')
  ready(): string {
    return 'ready';
  }

  private async userOf(authorization: string | undefined): Promise<string> {
    const token = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
    if (token === undefined) throw new UnauthorizedException('A bearer access token is required');
    const claims = await this.jwt.verifyAsync<{ sub?: unknown }>(token).catch(() => {
      throw new UnauthorizedException('The access token is invalid or expired');
    });
    if (typeof claims.sub !== 'string' || !isUUID(claims.sub)) {
      throw new UnauthorizedException('The access token names no valid user');
    }
    return claims.sub;
  }
}

@Controller()
class OrderSagaHandlers {
  constructor(
    @Inject(EventPublisher) private readonly publisher: EventPublisher,
    @Inject(Completions) private readonly completions: Completions,
  ) {}

  @OnEvent(SUBJECTS.INVENTORY_STOCK_RESERVED_V1)
  onReserved(): Promise<void> {
    return Promise.resolve();
  }

  @OnEvent(SUBJECTS.PAYMENT_SUCCEEDED_V1)
  async onPaid(
    @Payload() data: EventData<'payment.succeeded.v1'>,
    @Ctx() _ctx: JetStreamContext<'payment.succeeded.v1'>,
  ): Promise<void> {
    this.completions.at.set(data.orderId, epochMs());
    await publish(this.publisher, SUBJECTS.ORDER_CONFIRMED_V1, {
      orderId: data.orderId,
      total: data.amount,
      currency: data.currency,
    });
  }
}

@Controller()
class InventoryHandlers {
  constructor(@Inject(EventPublisher) private readonly publisher: EventPublisher) {}

  @OnEvent(SUBJECTS.ORDER_PLACED_V1)
  onPlaced(@Payload() data: EventData<'order.placed.v1'>): Promise<void> {
    return publish(this.publisher, SUBJECTS.INVENTORY_STOCK_RESERVED_V1, {
      orderId: data.orderId,
      items: data.items.map(({ productId, quantity }) => ({ productId, quantity })),
      expiresAt: new Date(Date.now() + RESERVATION_TTL_MS).toISOString(),
    });
  }

  @OnEvent(SUBJECTS.PAYMENT_SUCCEEDED_V1)
  onPaid(): Promise<void> {
    return Promise.resolve();
  }
}

@Controller()
class PaymentHandlers {
  constructor(
    @Inject(EventPublisher) private readonly publisher: EventPublisher,
    @Inject(Intents) private readonly intents: Intents,
  ) {}

  @OnEvent(SUBJECTS.ORDER_PLACED_V1)
  onPlaced(@Payload() data: EventData<'order.placed.v1'>): Promise<void> {
    this.intents.amounts.set(data.orderId, { amount: data.total, currency: data.currency });
    return Promise.resolve();
  }

  /** As payment-service: no intent yet (order.placed still on its way) is a retry. */
  @OnEvent(SUBJECTS.INVENTORY_STOCK_RESERVED_V1)
  async onReserved(@Payload() data: EventData<'inventory.stock-reserved.v1'>): Promise<void> {
    const intent = this.intents.amounts.get(data.orderId);
    if (intent === undefined) throw new Error(`no payment intent for ${data.orderId} yet`);
    await publish(this.publisher, SUBJECTS.PAYMENT_SUCCEEDED_V1, {
      orderId: data.orderId,
      paymentId: randomUUID(),
      ...intent,
    });
    this.intents.amounts.delete(data.orderId);
  }
}

const moduleFor = (
  service: ServiceName,
  controllers: Type<unknown>[],
  providers: Type<unknown>[],
) => {
  @Module({
    imports: [
      ConfigModule.forRoot({ ignoreEnvFile: true, isGlobal: true }),
      MessagingModule.forRoot(service),
    ],
    controllers,
    providers,
  })
  class PipelineModule {}
  return PipelineModule;
};

const APPS: Array<{ service: ServiceName; module: Type<unknown>; http: boolean }> = [
  {
    service: 'order-service',
    module: moduleFor('order-service', [OrderHttpController, OrderSagaHandlers], [Completions]),
    http: true,
  },
  {
    service: 'inventory-service',
    module: moduleFor('inventory-service', [InventoryHandlers], []),
    http: false,
  },
  {
    service: 'payment-service',
    module: moduleFor('payment-service', [PaymentHandlers], [Intents]),
    http: false,
  },
];

async function main(): Promise<void> {
  const port = Number(process.env.BENCH_J_HTTP_PORT ?? 3620);
  // Each app stops on SIGTERM by itself (its shutdown hooks).
  await Promise.all(
    APPS.map(async ({ service, module, http }) => {
      const app = await createServiceApp(module, {
        name: service,
        rpcServer: false,
        connect: (created) => connectJetStream(created, { service }),
      });
      await app.startAllMicroservices();
      if (http) await app.listen(port, '127.0.0.1');
      else await app.init();
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
