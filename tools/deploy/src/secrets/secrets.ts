import { randomBytes } from 'node:crypto';
import { SERVICES } from '@polyshop/contracts';
import { ADMIN_USER, passwordVariable } from '../nats/permissions';

/** One secret value of the platform, where Kubernetes and docker compose find it. */
export interface SecretValue {
  /** The Kubernetes Secret (in namespace polyshop) and key holding it. */
  readonly secret: string;
  readonly key: string;
  /** The variable of docker/.env (docker/compose.yaml) holding it. */
  readonly variable: string;
  readonly generate: () => string;
}

/** Passwords go into connection URLs (`nats://user:password@...`): hex needs no escaping. */
const password = () => randomBytes(24).toString('hex');
/**
 * nats-server parses a variable's value as a configuration token, so `3e81...` would be read as
 * a number and refused: a NATS password starts with a letter, which makes it a string.
 */
const natsPassword = () => `n${password()}`;
/** Standard base64 of 32 random bytes, the form user-service's keys take. */
const key32 = () => randomBytes(32).toString('base64');
/** A PII key id saying when it was made, so that a rotated keyring stays readable. */
const piiKeyId = `k${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`;

const value = (
  secret: string,
  key: string,
  variable: string,
  generate: () => string = password,
): SecretValue => ({ secret, key, variable, generate });

/**
 * Every secret of the platform: one Secret per store (its own credentials), the NATS users, and
 * the apps' own keys. Each store's password is read by the store and by its one service.
 */
export const SECRET_VALUES: readonly SecretValue[] = [
  ...[...SERVICES, ADMIN_USER].map((user) =>
    value('nats-users', passwordVariable(user), passwordVariable(user), natsPassword),
  ),
  value('postgres-user', 'password', 'POSTGRES_USER_PASSWORD'),
  value('postgres-payment', 'password', 'POSTGRES_PAYMENT_PASSWORD'),
  value('mysql-order', 'password', 'MYSQL_ORDER_PASSWORD'),
  value('mysql-order', 'root-password', 'MYSQL_ORDER_ROOT_PASSWORD'),
  value('mongo-product', 'password', 'MONGO_PRODUCT_PASSWORD'),
  value('mongo-product', 'root-password', 'MONGO_PRODUCT_ROOT_PASSWORD'),
  // mongod's replica-set key file: 6 to 1024 base64 characters.
  value('mongo-product', 'keyfile', 'MONGO_PRODUCT_KEYFILE', () =>
    randomBytes(756).toString('base64'),
  ),
  value('redis-inventory', 'password', 'REDIS_INVENTORY_PASSWORD'),
  value('api-gateway', 'jwt-secret', 'JWT_SECRET', () => randomBytes(48).toString('base64url')),
  value('user-service', 'pii-keys', 'USER_PII_KEYS', () => `${piiKeyId}:${key32()}`),
  value('user-service', 'pii-active-key-id', 'USER_PII_ACTIVE_KEY_ID', () => piiKeyId),
  value('user-service', 'email-index-key', 'USER_EMAIL_INDEX_KEY', key32),
  value('user-service', 'admin-email', 'ADMIN_EMAIL', () => 'admin@polyshop.local'),
  value('user-service', 'admin-password', 'ADMIN_PASSWORD'),
];

/** A fresh value for every secret, by docker/.env variable. */
export function generateSecrets(): Map<string, string> {
  return new Map(SECRET_VALUES.map(({ variable, generate }) => [variable, generate()]));
}

/** The lines of docker/.env that hold `values`, in the order of SECRET_VALUES. */
export function composeEnvLines(values: ReadonlyMap<string, string>): string[] {
  return SECRET_VALUES.map(({ variable }) => `${variable}=${values.get(variable) ?? ''}`);
}

export interface SecretManifest {
  apiVersion: 'v1';
  kind: 'Secret';
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  type: 'Opaque';
  stringData: Record<string, string>;
}

/** The Kubernetes Secrets holding `values`, one per name of SECRET_VALUES. */
export function secretManifests(
  values: ReadonlyMap<string, string>,
  namespace = 'polyshop',
): SecretManifest[] {
  const byName = new Map<string, Record<string, string>>();
  for (const { secret, key, variable } of SECRET_VALUES) {
    const data = byName.get(secret) ?? {};
    data[key] = values.get(variable) ?? '';
    byName.set(secret, data);
  }
  return [...byName].map(([name, stringData]) => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace, labels: { 'app.kubernetes.io/part-of': 'polyshop' } },
    type: 'Opaque',
    stringData,
  }));
}
