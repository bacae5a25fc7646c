import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SERVICES, type ServiceName } from '@polyshop/contracts';
import { readEnvExample } from '@polyshop/testing';

/** The repository root (the folder holding nx.json). */
export const ROOT = ((): string => {
  let dir = __dirname;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no nx.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
})();

/** A store of docker/compose.yaml and k8s/base, by its name there. */
export type StoreName =
  'postgres-user' | 'postgres-payment' | 'mysql-order' | 'mongo-product' | 'redis-inventory';

export interface AppDeployment {
  /** The variable the app reads its HTTP port from; its value is in `.env.example`. */
  readonly portVariable: string;
  /** The one store the app owns (database per service), reached by nothing else. */
  readonly store: StoreName | null;
}

/** How each app is deployed; the six names are those of `SERVICES` (libs/contracts). */
export const APPS: Readonly<Record<ServiceName, AppDeployment>> = {
  'api-gateway': { portVariable: 'GATEWAY_HTTP_PORT', store: null },
  'user-service': { portVariable: 'USER_HTTP_PORT', store: 'postgres-user' },
  'product-service': { portVariable: 'PRODUCT_HTTP_PORT', store: 'mongo-product' },
  'order-service': { portVariable: 'ORDER_HTTP_PORT', store: 'mysql-order' },
  'inventory-service': { portVariable: 'INVENTORY_HTTP_PORT', store: 'redis-inventory' },
  'payment-service': { portVariable: 'PAYMENT_HTTP_PORT', store: 'postgres-payment' },
};

export const APP_NAMES: readonly ServiceName[] = SERVICES;

/** The HTTP port of an app, as documented in `.env.example` (which the apps' defaults match). */
export function appPort(app: ServiceName): number {
  const value = readEnvExample().get(APPS[app].portVariable);
  const port = Number(value);
  if (!Number.isInteger(port)) {
    throw new Error(`.env.example has no port ${APPS[app].portVariable} for ${app}`);
  }
  return port;
}

/** The image of an app, as `npm run images` tags it and the manifests name it. */
export const imageOf = (app: ServiceName, tag: string): string => `polyshop/${app}:${tag}`;

/** The tag `npm run images` gives, and overlays/kind and docker/compose.yaml expect. */
export const DEFAULT_TAG = 'dev';
