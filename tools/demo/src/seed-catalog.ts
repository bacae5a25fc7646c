import type { DemoProduct } from './catalog';
import type { Reply } from './gateway-client';

export interface CatalogApi {
  call<T>(method: string, path: string, body?: unknown, token?: string): Promise<Reply<T>>;
}

export interface SeedResult {
  created: string[];
  existing: string[];
}

/**
 * Creates every demo product the catalogue does not have yet (looked up by SKU), so running it
 * on every start is harmless: the first run seeds, the next ones find everything.
 */
export async function seedCatalog(
  api: CatalogApi,
  adminToken: string,
  catalog: readonly DemoProduct[],
): Promise<SeedResult> {
  const result: SeedResult = { created: [], existing: [] };
  for (const product of catalog) {
    const found = await api.call<{ items: Array<{ sku: string }> }>(
      'GET',
      `/products?q=${encodeURIComponent(product.sku)}&limit=10`,
    );
    if (found.status !== 200) throw new Error(`catalog lookup answered ${found.status}`);
    if (found.body.items.some((item) => item.sku === product.sku)) {
      result.existing.push(product.sku);
      continue;
    }
    const created = await api.call('POST', '/products', product, adminToken);
    if (created.status !== 201) {
      throw new Error(
        `creating ${product.sku} answered ${created.status}: ${JSON.stringify(created.body)}`,
      );
    }
    result.created.push(product.sku);
  }
  return result;
}
