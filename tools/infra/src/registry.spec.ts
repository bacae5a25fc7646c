import { LOCAL_INFRA } from '@polyshop/config';
import { createStores, selectStores } from './registry';
import { resolveSettings } from './settings';

const settings = resolveSettings({ HOME: '/home/dev' }, '/src/polyshop');
const all = createStores(settings);
const names = (stores: { name: string }[]) => stores.map((store) => store.name);

describe('createStores', () => {
  it('has one store per LOCAL_INFRA entry, NATS carrying its monitoring endpoint', () => {
    const endpoints = all.flatMap((store) => store.endpoints.map((endpoint) => endpoint.name));
    expect(endpoints.sort()).toEqual(
      Object.values(LOCAL_INFRA)
        .map((s) => s.name)
        .sort(),
    );
  });

  it('gives the two PostgreSQL servers separate data folders and ports', () => {
    const [user, payment] = ['postgres-user', 'postgres-payment'].map((name) =>
      all.find((store) => store.name === name),
    );
    expect(user?.dataDir).toBe('/src/polyshop/.data/postgres-user');
    expect(payment?.dataDir).toBe('/src/polyshop/.data/postgres-payment');
    expect(user?.endpoints[0]?.url).toBe('postgres://polyshop:polyshop@127.0.0.1:15432/users');
    expect(payment?.endpoints[0]?.url).toBe(
      'postgres://polyshop:polyshop@127.0.0.1:15433/payments',
    );
  });

  it('puts overridden ports into the endpoint URLs', () => {
    const stores = createStores(
      resolveSettings({ POLYSHOP_MONGO_GATEWAY_PORT: '27018' }, '/src/polyshop'),
    );
    const gateway = stores.find((store) => store.name === 'mongo-gateway');
    expect(gateway?.endpoints[0]?.url).toBe('mongodb://127.0.0.1:27018');
  });
});

describe('selectStores', () => {
  it('selects every store when none is named', () => {
    expect(names(selectStores(all, [], true))).toEqual(names(all));
  });

  it('adds what a named store depends on when starting it', () => {
    expect(names(selectStores(all, ['mongo-gateway'], true))).toEqual([
      'documentdb',
      'mongo-gateway',
    ]);
  });

  it('takes only the named store when stopping', () => {
    expect(names(selectStores(all, ['mongo-gateway'], false))).toEqual(['mongo-gateway']);
  });
});
