/**
 * Where the embedded local infrastructure (`npm run infra:up`) listens. Every app's config
 * defaults to these endpoints, and `tools/infra` starts its servers on them, so the two cannot
 * drift apart. Each one is overridable: apps through their own variables (see `.env.example`),
 * infra through `POLYSHOP_<NAME>_PORT`.
 */
export const LOCAL_HOST = '127.0.0.1';

export interface LocalStore {
  /** Short name used by `infra:*` commands, in logs and in `POLYSHOP_<NAME>_PORT`. */
  readonly name: string;
  readonly port: number;
  readonly owner: string;
}

export const LOCAL_INFRA = {
  nats: { name: 'nats', port: 14222, owner: 'all services' },
  natsMonitor: { name: 'nats-monitor', port: 18222, owner: 'operators' },
  userPostgres: { name: 'postgres-user', port: 15432, owner: 'user-service' },
  paymentPostgres: { name: 'postgres-payment', port: 15433, owner: 'payment-service' },
  orderMariadb: { name: 'mariadb-order', port: 13306, owner: 'order-service' },
  inventoryRedis: { name: 'redis-inventory', port: 16379, owner: 'inventory-service' },
  documentdb: { name: 'documentdb', port: 15434, owner: 'mongo-gateway' },
  productMongo: { name: 'mongo-gateway', port: 17017, owner: 'product-service' },
} as const satisfies Record<string, LocalStore>;

/** Credentials of the local instances: development only, never used outside loopback. */
export const LOCAL_CREDENTIALS = { user: 'polyshop', password: 'polyshop' } as const;

export const LOCAL_DATABASES = {
  users: 'users',
  payments: 'payments',
  orders: 'orders',
  products: 'products',
} as const;

const { user, password } = LOCAL_CREDENTIALS;

/** Connection URLs of the local infrastructure, as the apps consume them. */
export const LOCAL_URLS = {
  nats: `nats://${LOCAL_HOST}:${LOCAL_INFRA.nats.port}`,
  userDb: `postgres://${user}:${password}@${LOCAL_HOST}:${LOCAL_INFRA.userPostgres.port}/${LOCAL_DATABASES.users}`,
  paymentDb: `postgres://${user}:${password}@${LOCAL_HOST}:${LOCAL_INFRA.paymentPostgres.port}/${LOCAL_DATABASES.payments}`,
  orderDb: `mysql://${user}:${password}@${LOCAL_HOST}:${LOCAL_INFRA.orderMariadb.port}/${LOCAL_DATABASES.orders}`,
  inventoryRedis: `redis://${LOCAL_HOST}:${LOCAL_INFRA.inventoryRedis.port}`,
  // One gateway, no replica-set discovery: the driver talks to the address it was given.
  productMongo: `mongodb://${LOCAL_HOST}:${LOCAL_INFRA.productMongo.port}/${LOCAL_DATABASES.products}?directConnection=true`,
} as const;
