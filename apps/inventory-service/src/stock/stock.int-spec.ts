import { randomUUID } from 'node:crypto';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { RPC_PATTERNS, type RpcPattern, type RpcReply } from '@polyshop/contracts';
import { firstValueFrom, timeout } from 'rxjs';
import { InventoryTestKit, newProductId } from '../testing/inventory-test-kit';
import { InitialiseStockUseCase } from './initialise-stock.use-case';
import { stockInvariantViolations } from './stock-levels';

describe('inventory-service stock (Redis, NATS)', () => {
  let kit: InventoryTestKit;
  let client: ClientProxy;

  const call = <P extends RpcPattern>(pattern: P, payload: unknown): Promise<RpcReply<P>> =>
    firstValueFrom(client.send<RpcReply<P>>(pattern, payload).pipe(timeout(5_000)));

  beforeAll(async () => {
    kit = await InventoryTestKit.start();
    client = ClientProxyFactory.create({
      transport: Transport.NATS,
      options: { servers: [kit.natsUrl] },
    });
    await client.connect();
  });

  afterAll(async () => {
    await client?.close();
    await kit?.close();
  });

  describe('product.created.v1', () => {
    it('starts a new product with its initial stock available and nothing else', async () => {
      const productId = await kit.createProduct(7);

      expect(await kit.stock(productId)).toEqual({
        available: 7,
        reserved: 0,
        sold: 0,
        initial: 7,
        adjustments: 0,
      });
    });

    it('leaves a known product as it is when its creation comes again', async () => {
      const productId = await kit.createProduct(7);
      await call(RPC_PATTERNS.INVENTORY_SET_STOCK, { productId, available: 3 });

      const again = await kit.publish(
        'product.created.v1',
        { productId, sku: 'SKU-AGAIN', name: 'Again', price: 1, currency: 'EUR', initialStock: 50 },
        randomUUID(),
      );
      await kit.applied('product.created.v1', again);

      expect(await kit.stock(productId)).toMatchObject({
        available: 3,
        initial: 7,
        adjustments: -4,
      });
    });

    it('applies a redelivered creation once', async () => {
      const productId = newProductId();
      const created = await kit.publish(
        'product.created.v1',
        {
          productId,
          sku: 'SKU-R',
          name: 'Redelivered',
          price: 1,
          currency: 'EUR',
          initialStock: 4,
        },
        randomUUID(),
      );
      await kit.applied('product.created.v1', created);
      await kit.redis.del(kit.keys.stock(productId));

      const redelivery = await kit.app
        .get(InitialiseStockUseCase)
        .execute(productId, 4, kit.keys.inbox('product.created.v1', created.id));

      expect(redelivery).toBe('duplicate');
      expect(await kit.stock(productId)).toBeNull();
    });
  });

  describe('rpc.inventory.get-availability', () => {
    it('answers the available units of every known product asked for, and leaves unknown ones out', async () => {
      const [first, second] = [await kit.createProduct(3), await kit.createProduct(0)];
      const unknown = newProductId();

      const reply = await call(RPC_PATTERNS.INVENTORY_GET_AVAILABILITY, {
        productIds: [unknown, second, first],
      });

      expect(reply).toEqual({
        items: [
          { productId: second, available: 0 },
          { productId: first, available: 3 },
        ],
      });
    });

    it('refuses a request that is not a list of product ids', async () => {
      const reply = await call(RPC_PATTERNS.INVENTORY_GET_AVAILABILITY, { productIds: ['x'] });

      expect(reply).toMatchObject({ code: 'VALIDATION.FAILED', status: 400 });
    });
  });

  describe('rpc.inventory.set-stock', () => {
    it('sets the available units and records the difference as an adjustment', async () => {
      const productId = await kit.createProduct(10);

      const raised = await call(RPC_PATTERNS.INVENTORY_SET_STOCK, { productId, available: 15 });
      const lowered = await call(RPC_PATTERNS.INVENTORY_SET_STOCK, { productId, available: 2 });

      expect([raised, lowered]).toEqual([
        { productId, available: 15 },
        { productId, available: 2 },
      ]);
      const levels = await kit.stock(productId);
      expect(levels).toEqual({ available: 2, reserved: 0, sold: 0, initial: 10, adjustments: -8 });
      expect(stockInvariantViolations(levels!)).toEqual([]);
    });

    it('leaves reservations held, the invariant holding with them', async () => {
      const productId = await kit.createProduct(10);
      const orderId = kit.newOrderId();
      await kit.publish(
        'order.placed.v1',
        kit.orderPlaced(orderId, [{ productId, quantity: 4 }]),
        orderId,
      );
      await kit.reservationIn(orderId, 'HELD');

      await call(RPC_PATTERNS.INVENTORY_SET_STOCK, { productId, available: 0 });

      const levels = await kit.stock(productId);
      expect(levels).toEqual({ available: 0, reserved: 4, sold: 0, initial: 10, adjustments: -6 });
      expect(stockInvariantViolations(levels!)).toEqual([]);
    });

    it('refuses a negative value, and a product inventory does not know', async () => {
      const productId = await kit.createProduct(5);

      const negative = await call(RPC_PATTERNS.INVENTORY_SET_STOCK, { productId, available: -1 });
      const unknown = await call(RPC_PATTERNS.INVENTORY_SET_STOCK, {
        productId: newProductId(),
        available: 5,
      });

      expect(negative).toMatchObject({ code: 'VALIDATION.FAILED', status: 400 });
      expect(unknown).toMatchObject({ code: 'INVENTORY.UNKNOWN_PRODUCT', status: 404 });
      expect(await kit.stock(productId)).toMatchObject({ available: 5, adjustments: 0 });
    });

    it('refuses a value that could not be counted exactly with what is reserved and sold', async () => {
      const productId = await kit.createProduct(5);
      const orderId = kit.newOrderId();
      await kit.publish(
        'order.placed.v1',
        kit.orderPlaced(orderId, [{ productId, quantity: 1 }]),
        orderId,
      );
      await kit.reservationIn(orderId, 'HELD');

      const reply = await call(RPC_PATTERNS.INVENTORY_SET_STOCK, {
        productId,
        available: Number.MAX_SAFE_INTEGER,
      });

      expect(reply).toMatchObject({ code: 'VALIDATION.FAILED' });
      expect(await kit.stock(productId)).toMatchObject({
        available: 4,
        reserved: 1,
        adjustments: 0,
      });
    });
  });
});
