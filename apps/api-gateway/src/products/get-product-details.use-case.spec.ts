import { Logger } from '@nestjs/common';
import type { RpcPattern, ProductView } from '@polyshop/contracts';
import { GatewayError } from '../problems/gateway.errors';
import { RpcClient } from '../rpc/rpc.client';
import { GetProductDetailsUseCase } from './get-product-details.use-case';

const mugId = '665f1c2ab4d3e2f1a0b9c8d7';
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
const unavailable = (service: string) =>
  new GatewayError('SERVICE.UNAVAILABLE', `${service} is unavailable`);

/** An RpcClient whose answers per pattern are promises the test decides (its other methods real). */
function rpcAnswering(answers: Partial<Record<RpcPattern, () => Promise<unknown>>>): RpcClient {
  return Object.assign(Object.create(RpcClient.prototype) as RpcClient, {
    call: (pattern: RpcPattern) => answers[pattern]?.() ?? Promise.reject(unavailable(pattern)),
    logger: new Logger(RpcClient.name),
  });
}

describe('GetProductDetailsUseCase', () => {
  it('composes the product with its availability', async () => {
    const useCase = new GetProductDetailsUseCase(
      rpcAnswering({
        'rpc.products.get': () => Promise.resolve(mug),
        'rpc.inventory.get-availability': () =>
          Promise.resolve({ items: [{ productId: mugId, available: 3 }] }),
      }),
    );

    await expect(useCase.execute(mugId)).resolves.toEqual({
      ...mug,
      availability: { available: 3 },
    });
  });

  it('answers availability null whatever inventory fails with', async () => {
    for (const failure of [unavailable('inventory-service'), new Error('bug')]) {
      const useCase = new GetProductDetailsUseCase(
        rpcAnswering({
          'rpc.products.get': () => Promise.resolve(mug),
          'rpc.inventory.get-availability': () => Promise.reject(failure),
        }),
      );

      await expect(useCase.execute(mugId)).resolves.toEqual({ ...mug, availability: null });
    }
  });

  it('answers 0 available when inventory has no entry for the product', async () => {
    const useCase = new GetProductDetailsUseCase(
      rpcAnswering({
        'rpc.products.get': () => Promise.resolve(mug),
        'rpc.inventory.get-availability': () => Promise.resolve({ items: [] }),
      }),
    );

    await expect(useCase.execute(mugId)).resolves.toMatchObject({ availability: { available: 0 } });
  });

  it("fails with product-service's error, without waiting for inventory", async () => {
    const useCase = new GetProductDetailsUseCase(
      rpcAnswering({
        'rpc.products.get': () => Promise.reject(unavailable('product-service')),
        'rpc.inventory.get-availability': () => new Promise(() => undefined),
      }),
    );

    await expect(useCase.execute(mugId)).rejects.toMatchObject({ code: 'SERVICE.UNAVAILABLE' });
  });

  it('asks both services at once', async () => {
    const started: string[] = [];
    let releaseProduct: (value: ProductView) => void = () => undefined;
    const useCase = new GetProductDetailsUseCase(
      rpcAnswering({
        'rpc.products.get': () => {
          started.push('product');
          return new Promise<ProductView>((resolve) => (releaseProduct = resolve));
        },
        'rpc.inventory.get-availability': () => {
          started.push('inventory');
          return Promise.resolve({ items: [] });
        },
      }),
    );

    const details = useCase.execute(mugId);
    expect(started).toEqual(['product', 'inventory']);
    releaseProduct(mug);
    await expect(details).resolves.toMatchObject({ id: mugId });
  });
});
