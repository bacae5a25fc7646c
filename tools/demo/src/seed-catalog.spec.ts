import { DEMO_CATALOG } from './catalog';
import type { Reply } from './gateway-client';
import { seedCatalog, type CatalogApi } from './seed-catalog';

/** An in-memory catalogue behind the two calls the seeder makes. */
class FakeCatalog implements CatalogApi {
  readonly skus = new Set<string>();
  readonly creations: string[] = [];

  call<T>(method: string, path: string, body?: unknown): Promise<Reply<T>> {
    if (method === 'GET') {
      const q = decodeURIComponent(new URL(path, 'http://x').searchParams.get('q') ?? '');
      const items = [...this.skus].filter((sku) => sku.includes(q)).map((sku) => ({ sku }));
      return Promise.resolve({ status: 200, body: { items } as T });
    }
    const { sku } = body as { sku: string };
    this.skus.add(sku);
    this.creations.push(sku);
    return Promise.resolve({ status: 201, body: { sku } as T });
  }
}

describe('seedCatalog', () => {
  it('creates every demo product on the first run', async () => {
    const catalog = new FakeCatalog();
    const result = await seedCatalog(catalog, 'token', DEMO_CATALOG);
    expect(result.created).toEqual(DEMO_CATALOG.map((p) => p.sku));
    expect(catalog.creations).toHaveLength(DEMO_CATALOG.length);
  });

  it('creates nothing on the next runs', async () => {
    const catalog = new FakeCatalog();
    await seedCatalog(catalog, 'token', DEMO_CATALOG);
    const again = await seedCatalog(catalog, 'token', DEMO_CATALOG);
    expect(again).toEqual({ created: [], existing: DEMO_CATALOG.map((p) => p.sku) });
    expect(catalog.creations).toHaveLength(DEMO_CATALOG.length);
  });

  it('creates only what is missing', async () => {
    const catalog = new FakeCatalog();
    catalog.skus.add(DEMO_CATALOG[0].sku);
    const result = await seedCatalog(catalog, 'token', DEMO_CATALOG);
    expect(result.existing).toEqual([DEMO_CATALOG[0].sku]);
    expect(result.created).toEqual(DEMO_CATALOG.slice(1).map((p) => p.sku));
  });

  it('stops with the answer when the gateway refuses a creation', async () => {
    const refusing: CatalogApi = {
      call: <T>(method: string) =>
        Promise.resolve(
          method === 'GET'
            ? { status: 200, body: { items: [] } as T }
            : { status: 403, body: { code: 'AUTH.FORBIDDEN' } as T },
        ),
    };
    await expect(seedCatalog(refusing, 'token', DEMO_CATALOG)).rejects.toThrow(
      /403.*AUTH.FORBIDDEN/,
    );
  });
});
