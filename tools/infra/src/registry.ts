import { LOCAL_DATABASES, LOCAL_INFRA } from '@polyshop/config';
import type { InfraSettings } from './settings';
import type { Store } from './store';
import { DocumentdbStore } from './stores/documentdb';
import { MariadbStore } from './stores/mariadb';
import { MongoGatewayStore } from './stores/mongo-gateway';
import { NatsStore } from './stores/nats';
import { PostgresStore } from './stores/postgres';
import { RedisStore } from './stores/redis';

/** Every local instance, in the order of the endpoints table. */
export function createStores(settings: InfraSettings): Store[] {
  const { ports } = settings;
  return [
    new NatsStore(settings),
    new PostgresStore(
      settings,
      LOCAL_INFRA.userPostgres,
      ports.userPostgres,
      LOCAL_DATABASES.users,
    ),
    new PostgresStore(
      settings,
      LOCAL_INFRA.paymentPostgres,
      ports.paymentPostgres,
      LOCAL_DATABASES.payments,
    ),
    new MariadbStore(settings),
    new RedisStore(settings),
    new DocumentdbStore(settings),
    new MongoGatewayStore(settings),
  ];
}

/** The named stores (all when none is named), plus what they depend on if asked. */
export function selectStores(
  all: readonly Store[],
  names: readonly string[],
  withDependencies: boolean,
): Store[] {
  if (names.length === 0) return [...all];
  const wanted = new Set<string>();
  const add = (name: string) => {
    if (wanted.has(name)) return;
    wanted.add(name);
    if (withDependencies) all.find((store) => store.name === name)?.dependsOn.forEach(add);
  };
  names.forEach(add);
  return all.filter((store) => wanted.has(store.name));
}
