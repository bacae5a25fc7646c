import os from 'node:os';
import { LOCAL_INFRA } from '@polyshop/config';
import { portEnvName, resolvePorts, resolveSettings } from './settings';

describe('portEnvName', () => {
  it('upper-cases the store name and turns dashes into underscores', () => {
    expect(portEnvName('postgres-user')).toBe('POLYSHOP_POSTGRES_USER_PORT');
    expect(portEnvName('nats-monitor')).toBe('POLYSHOP_NATS_MONITOR_PORT');
    expect(portEnvName('nats')).toBe('POLYSHOP_NATS_PORT');
  });
});

describe('resolvePorts', () => {
  it('uses the LOCAL_INFRA ports when nothing is overridden', () => {
    const ports = resolvePorts({});
    expect(ports.userPostgres).toBe(LOCAL_INFRA.userPostgres.port);
    expect(ports.paymentPostgres).toBe(LOCAL_INFRA.paymentPostgres.port);
    expect(ports.natsMonitor).toBe(LOCAL_INFRA.natsMonitor.port);
    expect(Object.keys(ports).sort()).toEqual(Object.keys(LOCAL_INFRA).sort());
  });

  it('takes a store port from POLYSHOP_<NAME>_PORT, leaving the others alone', () => {
    const ports = resolvePorts({ POLYSHOP_POSTGRES_USER_PORT: '25999', POLYSHOP_NATS_PORT: ' ' });
    expect(ports.userPostgres).toBe(25999);
    expect(ports.nats).toBe(LOCAL_INFRA.nats.port);
    expect(ports.paymentPostgres).toBe(LOCAL_INFRA.paymentPostgres.port);
  });

  it.each(['abc', '0', '65536', '12.5', '-1', '80x'])(
    'rejects %p as a port, naming the variable',
    (raw) => {
      expect(() => resolvePorts({ POLYSHOP_REDIS_INVENTORY_PORT: raw })).toThrow(
        /POLYSHOP_REDIS_INVENTORY_PORT=.* is not a port number/,
      );
    },
  );

  it('rejects two stores on one port', () => {
    expect(() =>
      resolvePorts({ POLYSHOP_POSTGRES_PAYMENT_PORT: String(LOCAL_INFRA.userPostgres.port) }),
    ).toThrow(`postgres-user and postgres-payment both use port ${LOCAL_INFRA.userPostgres.port}`);
  });

  it('names every bad variable at once', () => {
    expect(() => resolvePorts({ POLYSHOP_NATS_PORT: 'x', POLYSHOP_DOCUMENTDB_PORT: 'y' })).toThrow(
      /POLYSHOP_NATS_PORT.*POLYSHOP_DOCUMENTDB_PORT/,
    );
  });
});

describe('resolveSettings', () => {
  it('keeps data in <repo>/.data and the cache in ~/.cache/polyshop by default', () => {
    const settings = resolveSettings({ HOME: '/home/dev' }, '/src/polyshop');
    expect(settings.dataDir).toBe('/src/polyshop/.data');
    expect(settings.logsDir).toBe('/src/polyshop/.data/logs');
    expect(settings.cacheDir).toBe('/home/dev/.cache/polyshop');
    expect(settings.host).toBe('127.0.0.1');
  });

  it('follows POLYSHOP_DATA_DIR and POLYSHOP_CACHE_DIR', () => {
    const settings = resolveSettings(
      { POLYSHOP_DATA_DIR: '/tmp/d', POLYSHOP_CACHE_DIR: '/tmp/c', POLYSHOP_NATS_PORT: '24222' },
      '/src/polyshop',
    );
    expect(settings.dataDir).toBe('/tmp/d');
    expect(settings.runDir).toBe('/tmp/d/run');
    expect(settings.cacheDir).toBe('/tmp/c');
    expect(settings.ports.nats).toBe(24222);
  });

  it('falls back to the account home when HOME is unset', () => {
    expect(resolveSettings({}, '/r').cacheDir).toBe(`${os.homedir()}/.cache/polyshop`);
  });
});
