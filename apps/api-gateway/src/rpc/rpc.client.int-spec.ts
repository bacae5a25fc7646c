import { Controller, Module, UseInterceptors, type INestMicroservice } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import {
  MessagePattern,
  Payload,
  Transport,
  type MicroserviceOptions,
} from '@nestjs/microservices';
import {
  RPC_PATTERNS,
  rpcError,
  validateRpcRequest,
  type Page,
  type ProductView,
} from '@polyshop/contracts';
import { MessageContextInterceptor } from '@polyshop/messaging';
import {
  currentMessageContext,
  runInMessageContext,
  type MessageContext,
} from '@polyshop/observability';
import { NatsServerProcess } from '@polyshop/testing';
import { connect, type NatsConnection } from 'nats';
import type { ApiGatewayEnv } from '../config/api-gateway.env';
import { GatewayError } from '../problems/gateway.errors';
import { anyString } from '../testing/gateway-harness';
import { RpcClient } from './rpc.client';

const mugId = '665f1c2ab4d3e2f1a0b9c8d7';
const missingId = '665f1c2ab4d3e2f1a0b9c8d8';
const failingId = '665f1c2ab4d3e2f1a0b9c8d9';
const mug: ProductView = {
  id: mugId,
  sku: 'MUG-01',
  name: 'Mug',
  description: null,
  price: 1290,
  currency: 'EUR',
  createdAt: '2025-01-15T10:00:00.000Z',
  updatedAt: '2025-01-15T10:00:00.000Z',
};
const seenContexts: Array<MessageContext | undefined> = [];

/** A product-service written the way the real one is: Nest's NATS transport, contract DTOs. */
@Controller()
@UseInterceptors(MessageContextInterceptor)
class ProductsRpcController {
  @MessagePattern(RPC_PATTERNS.PRODUCTS_GET, Transport.NATS)
  get(@Payload() payload: unknown): ProductView | ReturnType<typeof rpcError> {
    seenContexts.push(currentMessageContext());
    const checked = validateRpcRequest(RPC_PATTERNS.PRODUCTS_GET, payload);
    if (!checked.ok) return checked.error;
    if (checked.request.productId === failingId) throw new Error('store exploded');
    if (checked.request.productId === missingId) {
      return rpcError('PRODUCT.NOT_FOUND', `No product ${missingId}`);
    }
    return mug;
  }

  @MessagePattern(RPC_PATTERNS.PRODUCTS_LIST, Transport.NATS)
  async list(): Promise<Page<ProductView>> {
    await Promise.resolve();
    return { items: [mug], total: 1 };
  }
}

@Module({ controllers: [ProductsRpcController] })
class ProductsRpcModule {}

describe('RpcClient against a Nest NATS microservice', () => {
  let broker: NatsServerProcess;
  let service: INestMicroservice;
  let nats: NatsConnection;
  let client: RpcClient;
  const context: MessageContext = {
    correlationId: 'checkout-42',
    causationId: null,
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  };

  beforeAll(async () => {
    broker = await NatsServerProcess.start();
    service = await NestFactory.createMicroservice<MicroserviceOptions>(ProductsRpcModule, {
      transport: Transport.NATS,
      options: { servers: [broker.url], queue: 'product-service' },
      logger: false,
    });
    await service.listen();
    nats = await connect({ servers: broker.url });
    const config = { get: () => 300 } as unknown as ConfigService<ApiGatewayEnv, true>;
    client = new RpcClient(nats, config);
  });

  afterAll(async () => {
    await nats?.drain();
    await service?.close();
    await broker?.dispose();
  });

  it('gets the answer of a handler, whether it returns a value or a promise', async () => {
    await expect(client.call(RPC_PATTERNS.PRODUCTS_GET, { productId: mugId })).resolves.toEqual(
      mug,
    );
    await expect(client.call(RPC_PATTERNS.PRODUCTS_LIST, {})).resolves.toEqual({
      items: [mug],
      total: 1,
    });
  });

  it("continues the request's correlation id and trace in the service's message context", async () => {
    seenContexts.length = 0;

    await runInMessageContext(context, () =>
      client.call(RPC_PATTERNS.PRODUCTS_GET, { productId: mugId }),
    );

    expect(seenContexts).toEqual([
      { correlationId: 'checkout-42', causationId: null, traceparent: context.traceparent },
    ]);
  });

  it('turns an error reply into a GatewayError with its code and message', async () => {
    const call = client.call(RPC_PATTERNS.PRODUCTS_GET, { productId: missingId });

    await expect(call).rejects.toBeInstanceOf(GatewayError);
    await expect(call).rejects.toMatchObject({
      code: 'PRODUCT.NOT_FOUND',
      detail: `No product ${missingId}`,
    });
  });

  it("turns the service's own validation failure into VALIDATION.FAILED with the fields", async () => {
    const call = client.call(RPC_PATTERNS.PRODUCTS_GET, { productId: 'nope' });

    await expect(call).rejects.toMatchObject({
      code: 'VALIDATION.FAILED',
      options: { fields: [{ field: 'productId', problems: [anyString()] }] },
    });
  });

  it('turns a handler that throws into INTERNAL.ERROR without its message', async () => {
    const call = client.call(RPC_PATTERNS.PRODUCTS_GET, { productId: failingId });

    await expect(call).rejects.toMatchObject({
      code: 'INTERNAL.ERROR',
      detail: 'product-service failed to handle the request',
    });
  });

  it('answers SERVICE.UNAVAILABLE at once for a pattern nothing serves', async () => {
    const start = performance.now();

    const call = client.call(RPC_PATTERNS.INVENTORY_GET_AVAILABILITY, { productIds: [mugId] });

    await expect(call).rejects.toMatchObject({
      code: 'SERVICE.UNAVAILABLE',
      detail: 'inventory-service is unavailable: nothing answers rpc.inventory.get-availability',
    });
    expect(performance.now() - start).toBeLessThan(300);
  });
});
