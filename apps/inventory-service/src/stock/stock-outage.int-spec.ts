import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { LOCAL_URLS } from '@polyshop/config';
import { RPC_PATTERNS, type RpcPattern, type RpcReply } from '@polyshop/contracts';
import { TcpProxy, waitFor } from '@polyshop/testing';
import { firstValueFrom, timeout } from 'rxjs';
import { InventoryTestKit } from '../testing/inventory-test-kit';

describe('inventory-service RPC while its Redis is down (Redis, NATS)', () => {
  let proxy: TcpProxy;
  let kit: InventoryTestKit;
  let client: ClientProxy;

  const call = <P extends RpcPattern>(pattern: P, payload: unknown): Promise<RpcReply<P>> =>
    firstValueFrom(client.send<RpcReply<P>>(pattern, payload).pipe(timeout(5_000)));

  beforeAll(async () => {
    const redis = new URL(process.env.INVENTORY_REDIS_URL ?? LOCAL_URLS.inventoryRedis);
    proxy = new TcpProxy(redis.hostname, Number(redis.port));
    redis.port = String(await proxy.start());
    kit = await InventoryTestKit.start({ INVENTORY_REDIS_URL: redis.toString() });
    client = ClientProxyFactory.create({
      transport: Transport.NATS,
      options: { servers: [kit.natsUrl] },
    });
    await client.connect();
  });

  afterAll(async () => {
    proxy?.restore();
    await client?.close();
    await kit?.close();
    await proxy?.stop();
  });

  it('answers SERVICE.UNAVAILABLE at once rather than hanging, and answers again once Redis is back', async () => {
    const productId = await kit.createProduct(3);

    proxy.cut();
    const started = Date.now();
    const down = await call(RPC_PATTERNS.INVENTORY_GET_AVAILABILITY, { productIds: [productId] });
    const failedAfterMs = Date.now() - started;
    const setDown = await call(RPC_PATTERNS.INVENTORY_SET_STOCK, { productId, available: 1 });
    proxy.restore();
    const back = await waitFor(
      () => call(RPC_PATTERNS.INVENTORY_GET_AVAILABILITY, { productIds: [productId] }),
      (reply) => !('code' in reply),
      { description: 'availability answered again', timeoutMs: 20_000 },
    );

    expect(down).toMatchObject({ code: 'SERVICE.UNAVAILABLE', status: 503 });
    expect(setDown).toMatchObject({ code: 'SERVICE.UNAVAILABLE', status: 503 });
    expect(failedAfterMs).toBeLessThan(5_000);
    expect(back).toEqual({ items: [{ productId, available: 3 }] });
  });
});
