import { readFileSync } from 'node:fs';
import { readEnvExample } from '@polyshop/testing';
import { COMPOSE_ENV_EXAMPLE, COMPOSE_FILE, renderComposeEnv } from '../compose-env';
import { passwordVariable } from '../nats/permissions';
import { APPS, APP_NAMES, appPort } from '../platform';
import { SECRET_VALUES, generateSecrets } from '../secrets/secrets';
import { composeConfig, type ComposeService } from './compose';

let services: Record<string, ComposeService>;
const secrets = generateSecrets();

beforeAll(async () => {
  const config = await composeConfig(renderComposeEnv(secrets));
  if (!config.services) throw new Error(`docker compose config failed:\n${config.stderr}`);
  services = config.services;
});

const variablesOf = (text: string) =>
  new Set([...text.matchAll(/^([A-Z0-9_]+)=/gm)].map((match) => match[1]));

describe('docker/compose.yaml', () => {
  it('passes `docker compose config` with the generated docker/.env', () => {
    expect(Object.keys(services).sort()).toEqual(
      [
        ...APP_NAMES,
        'nats',
        'postgres-user',
        'postgres-payment',
        'mysql-order',
        'mongo-product',
        'redis-inventory',
      ].sort(),
    );
  });

  it('refuses to start without the secrets, naming the first one missing', async () => {
    const config = await composeConfig(readFileSync(COMPOSE_ENV_EXAMPLE, 'utf8'));
    expect(config.code).not.toBe(0);
    expect(config.stderr).toMatch(
      /required variable \w+ is missing a value: see docker\/\.env\.example/,
    );
  });

  it('documents in docker/.env.example every variable it reads and every generated secret', () => {
    const documented = variablesOf(readFileSync(COMPOSE_ENV_EXAMPLE, 'utf8'));
    const read = [...readFileSync(COMPOSE_FILE, 'utf8').matchAll(/\$\{([A-Z0-9_]+)/g)].map(
      (m) => m[1],
    );
    expect([...new Set(read)].filter((variable) => !documented.has(variable))).toEqual([]);
    expect(SECRET_VALUES.map(({ variable }) => variable).filter((v) => !documented.has(v))).toEqual(
      [],
    );
  });

  it('starts each app once NATS and its own store are healthy, and the gateway once every service is', () => {
    for (const app of APP_NAMES) {
      const store = APPS[app].store;
      const needs = store ? [store] : APP_NAMES.filter((name) => name !== app);
      const dependsOn = services[app].depends_on ?? {};
      expect({ app, dependsOn: Object.keys(dependsOn).sort() }).toEqual({
        app,
        dependsOn: ['nats', ...needs].sort(),
      });
      for (const { condition } of Object.values(dependsOn)) {
        expect(condition).toBe('service_healthy');
      }
    }
    for (const [name, service] of Object.entries(services)) {
      expect({ name, healthcheck: (service.healthcheck?.test.length ?? 0) > 0 }).toEqual({
        name,
        healthcheck: true,
      });
    }
  });

  it('builds and configures every app image for its own port, with readiness as its healthcheck', () => {
    for (const app of APP_NAMES) {
      const { build, environment = {}, healthcheck } = services[app];
      const port = String(appPort(app));
      expect({ app, args: build?.args }).toEqual({
        app,
        args: { APP: app, PORT_VAR: APPS[app].portVariable, PORT: port },
      });
      expect(environment[APPS[app].portVariable]).toBe(port);
      expect(healthcheck?.test).toEqual(['CMD', 'node', 'healthcheck.js', 'ready']);
    }
  });

  it('gives the apps only variables they know, each its own NATS user and its own store', () => {
    const known = new Set(readEnvExample().keys());
    for (const app of APP_NAMES) {
      const environment = services[app].environment ?? {};
      expect({ app, unknown: Object.keys(environment).filter((key) => !known.has(key)) }).toEqual({
        app,
        unknown: [],
      });
      expect(environment.NATS_URL).toBe(
        `nats://${app}:${secrets.get(passwordVariable(app))}@nats:4222`,
      );
      const store = APPS[app].store;
      const storeUrls = Object.values(environment).filter(
        (value): value is string => value !== null && /^\w+:\/\/.*@(?!nats:)/.test(value),
      );
      expect({ app, stores: storeUrls.map((url) => new URL(url).hostname) }).toEqual({
        app,
        stores: store ? [store] : [],
      });
    }
  });

  it('runs the stores as the issue asks: Redis with AOF, MongoDB as a replica set, NATS 2.10 with its fsync policy', () => {
    expect(services['redis-inventory'].command).toEqual(
      expect.arrayContaining(['--appendonly', 'yes']),
    );
    expect(services['mongo-product'].command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
    expect(services['mysql-order'].image).toMatch(/^mysql:8/);
    expect(services.nats.image).toMatch(/^nats:2\.1\d/);
    expect(services.nats.environment?.NATS_SYNC_INTERVAL).toBe('always');
    expect(services.nats.volumes?.map((volume) => volume.target)).toEqual(
      expect.arrayContaining(['/etc/nats/nats.conf', '/etc/nats/authorization.conf']),
    );
  });
});
