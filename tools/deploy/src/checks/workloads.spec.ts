import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IContainer } from 'kubernetes-models/v1/Container';
import { readEnvExample } from '@polyshop/testing';
import { passwordVariable } from '../nats/permissions';
import { APPS, APP_NAMES, DEFAULT_TAG, ROOT, appPort, imageOf } from '../platform';
import { SECRET_VALUES } from '../secrets/secrets';
import { healthRoutes, mountsHealthModule } from './health-routes';
import { renderAll, type KubeObject } from './kustomize';
import {
  ANYONE,
  allowedSources,
  configMapData,
  containersOf,
  workloadsOf,
  type Workload,
} from './workloads';

let rendered: Map<string, KubeObject[]>;

beforeAll(async () => {
  rendered = await renderAll();
});

const each = (test: (objects: KubeObject[], kustomization: string) => void) => {
  for (const [kustomization, objects] of rendered) test(objects, kustomization);
};

const renderedOf = (kustomization: string): KubeObject[] => {
  const objects = rendered.get(kustomization);
  if (!objects) throw new Error(`${kustomization} was not rendered`);
  return objects;
};

const workloadNamed = (objects: KubeObject[], name: string): Workload => {
  const found = workloadsOf(objects).find((workload) => workload.name === name);
  if (!found) throw new Error(`no workload ${name}`);
  return found;
};

const appWorkload = workloadNamed;

const appContainer = (workload: Workload): IContainer => {
  const found = workload.pod.containers.find((container) => container.name === workload.name);
  if (!found) throw new Error(`${workload.name} has no container of its name`);
  return found;
};

/** An app's environment: its ConfigMaps (envFrom) and its own variables. */
const environmentOf = (objects: KubeObject[], container: IContainer) => ({
  fromConfigMaps: Object.assign(
    {},
    ...(container.envFrom ?? []).flatMap(({ configMapRef }) =>
      configMapRef?.name ? [configMapData(objects, configMapRef.name)] : [],
    ),
  ) as Record<string, string>,
  variables: container.env ?? [],
});

describe('every app of every overlay', () => {
  const routes = healthRoutes();

  it('serves the health routes the probes use', () => {
    expect(routes.sort()).toEqual(['/health/live', '/health/ready']);
    for (const app of APP_NAMES)
      expect({ app, mounted: mountsHealthModule(app) }).toEqual({ app, mounted: true });
  });

  it('has startup, liveness and readiness probes on its real HTTP port and health routes', () => {
    each((objects, kustomization) => {
      for (const app of APP_NAMES) {
        const container = appContainer(appWorkload(objects, app));
        const port = appPort(app);
        const { fromConfigMaps } = environmentOf(objects, container);
        const where = `${kustomization} ${app}`;
        expect({ where, listensOn: fromConfigMaps[APPS[app].portVariable] }).toEqual({
          where,
          listensOn: String(port),
        });
        const http = container.ports?.find((p) => p.name === 'http');
        expect({ where, containerPort: http?.containerPort }).toEqual({
          where,
          containerPort: port,
        });
        const probes = {
          startup: container.startupProbe?.httpGet,
          liveness: container.livenessProbe?.httpGet,
          readiness: container.readinessProbe?.httpGet,
        };
        expect({ where, probes }).toEqual({
          where,
          probes: {
            startup: { path: '/health/live', port: 'http' },
            liveness: { path: '/health/live', port: 'http' },
            readiness: { path: '/health/ready', port: 'http' },
          },
        });
        for (const probe of Object.values(probes)) expect(routes).toContain(probe?.path);
      }
    });
  });

  it('runs the image built for it', () => {
    for (const app of APP_NAMES) {
      const kind = appContainer(appWorkload(renderedOf('overlays/kind'), app));
      expect(kind.image).toBe(imageOf(app, DEFAULT_TAG));
      each((objects) =>
        expect(appContainer(appWorkload(objects, app)).image).toMatch(new RegExp(`/${app}(:|$)`)),
      );
    }
  });

  it('sets only variables the apps know, or ones other variables are built from', () => {
    const known = new Set(readEnvExample().keys());
    each((objects, kustomization) => {
      for (const app of APP_NAMES) {
        const { fromConfigMaps, variables } = environmentOf(
          objects,
          appContainer(appWorkload(objects, app)),
        );
        const values = variables.map((variable) => variable.value ?? '').join('\n');
        const unknown = [
          ...Object.keys(fromConfigMaps),
          ...variables
            .map((variable) => variable.name)
            .filter((name) => !values.includes(`$(${name})`)),
        ].filter((name) => !known.has(name));
        expect({ where: `${kustomization} ${app}`, unknown }).toEqual({
          where: `${kustomization} ${app}`,
          unknown: [],
        });
      }
    });
  });

  it('reads only its own secrets: its NATS user, its own store, its own keys', () => {
    each((objects, kustomization) => {
      for (const app of APP_NAMES) {
        const { variables } = environmentOf(objects, appContainer(appWorkload(objects, app)));
        const refs = variables.flatMap(({ valueFrom }) =>
          valueFrom?.secretKeyRef
            ? [`${valueFrom.secretKeyRef.name}/${valueFrom.secretKeyRef.key}`]
            : [],
        );
        const own = new Set([
          `nats-users/${passwordVariable(app)}`,
          ...SECRET_VALUES.filter(({ secret }) => secret === APPS[app].store || secret === app).map(
            ({ secret, key }) => `${secret}/${key}`,
          ),
        ]);
        const where = `${kustomization} ${app}`;
        expect({ where, foreign: refs.filter((ref) => !own.has(ref)) }).toEqual({
          where,
          foreign: [],
        });
        const natsUrl = variables.find((variable) => variable.name === 'NATS_URL')?.value;
        expect({ where, natsUrl }).toEqual({
          where,
          natsUrl: `nats://${app}:$(NATS_PASSWORD)@nats:4222`,
        });
      }
    });
  });
});

describe('every workload (apps, stores, NATS) of every overlay', () => {
  it('has requests and limits for CPU and memory on every container', () => {
    each((objects, kustomization) => {
      for (const workload of workloadsOf(objects)) {
        for (const container of containersOf(workload.pod)) {
          const { requests = {}, limits = {} } = container.resources ?? {};
          const where = `${kustomization} ${workload.name}/${container.name}`;
          expect({
            where,
            set: [requests.cpu, requests.memory, limits.cpu, limits.memory].every(Boolean),
          }).toEqual({ where, set: true });
        }
      }
    });
  });

  it('runs as a non-root user with a read-only root filesystem, no privilege escalation and no capabilities', () => {
    each((objects, kustomization) => {
      for (const workload of workloadsOf(objects)) {
        const pod = workload.pod.securityContext ?? {};
        const where = `${kustomization} ${workload.name}`;
        expect({
          where,
          runAsNonRoot: pod.runAsNonRoot,
          root: pod.runAsUser === 0,
          seccomp: pod.seccompProfile?.type,
        }).toEqual({
          where,
          runAsNonRoot: true,
          root: false,
          seccomp: 'RuntimeDefault',
        });
        expect(workload.pod.automountServiceAccountToken).toBe(false);
        for (const container of containersOf(workload.pod)) {
          const sc = container.securityContext ?? {};
          expect({
            where: `${where}/${container.name}`,
            sc: { ...sc, capabilities: sc.capabilities?.drop },
          }).toEqual({
            where: `${where}/${container.name}`,
            sc: expect.objectContaining({
              allowPrivilegeEscalation: false,
              readOnlyRootFilesystem: true,
              capabilities: ['ALL'],
            }) as unknown,
          });
          expect(sc.runAsUser ?? pod.runAsUser).toBeGreaterThan(0);
        }
      }
    });
  });

  it('reads secrets that the generated Secrets hold', () => {
    const generated = new Set(SECRET_VALUES.map(({ secret, key }) => `${secret}/${key}`));
    const secrets = new Set(SECRET_VALUES.map(({ secret }) => secret));
    each((objects) => {
      for (const workload of workloadsOf(objects)) {
        for (const container of containersOf(workload.pod)) {
          for (const { valueFrom } of container.env ?? []) {
            const ref = valueFrom?.secretKeyRef;
            if (ref) expect(generated).toContain(`${ref.name}/${ref.key}`);
          }
          for (const { secretRef } of container.envFrom ?? [])
            if (secretRef) expect(secrets).toContain(secretRef.name);
        }
        for (const volume of workload.pod.volumes ?? []) {
          if (volume.secret) {
            for (const item of volume.secret.items ?? []) {
              expect(generated).toContain(`${volume.secret.secretName}/${item.key}`);
            }
          }
        }
      }
    });
  });
});

describe('the NetworkPolicies', () => {
  const storePort = (workload: Workload) => {
    const port = workload.pod.containers[0].ports?.[0]?.containerPort;
    if (port === undefined) throw new Error(`${workload.name} declares no port`);
    return port;
  };

  it('let each store accept its own service and nothing else', () => {
    each((objects, kustomization) => {
      for (const app of APP_NAMES) {
        const store = APPS[app].store;
        if (!store) continue;
        const workload = workloadNamed(objects, store);
        const sources = allowedSources(objects, workload, storePort(workload));
        expect({ where: `${kustomization} ${store}`, sources: [...sources] }).toEqual({
          where: `${kustomization} ${store}`,
          sources: [app],
        });
      }
    });
  });

  it('let NATS accept the six apps, the services accept the gateway, and the gateway anyone', () => {
    each((objects) => {
      const nats = workloadNamed(objects, 'nats');
      expect([...allowedSources(objects, nats, 4222)].sort()).toEqual([...APP_NAMES].sort());
      expect([...allowedSources(objects, nats, 6222)]).toEqual(['nats']);
      expect([...allowedSources(objects, nats, 8222)]).toEqual([]);
      for (const app of APP_NAMES) {
        const sources = [...allowedSources(objects, appWorkload(objects, app), appPort(app))];
        expect({ app, sources }).toEqual({
          app,
          sources: app === 'api-gateway' ? [ANYONE] : ['api-gateway'],
        });
      }
    });
  });

  it('would notice a store left open (the evaluation itself)', () => {
    const objects = renderedOf('overlays/kind').filter(
      (object) =>
        !(object.kind === 'NetworkPolicy' && object.metadata.name === 'default-deny-ingress') &&
        !(object.kind === 'NetworkPolicy' && object.metadata.name === 'postgres-user'),
    );
    const store = workloadNamed(objects, 'postgres-user');
    expect([...allowedSources(objects, store, 5432)]).toEqual([ANYONE]);
  });
});

describe('the NATS server', () => {
  it('holds every stream on each of its servers: every app provisions as many replicas', () => {
    const byDefault = readEnvExample().get('NATS_STREAM_REPLICAS');
    each((objects, kustomization) => {
      const servers = workloadNamed(objects, 'nats').replicas;
      const replicas = APP_NAMES.map((app) => {
        const { fromConfigMaps } = environmentOf(objects, appContainer(appWorkload(objects, app)));
        return [app, Number(fromConfigMaps.NATS_STREAM_REPLICAS ?? byDefault)];
      });
      expect({ kustomization, replicas }).toEqual({
        kustomization,
        replicas: APP_NAMES.map((app) => [app, servers]),
      });
    });
  });

  it('is given every password its generated users reference', () => {
    const authorization = readFileSync(join(ROOT, 'k8s/base/nats/authorization.conf'), 'utf8');
    const referenced = [...authorization.matchAll(/password: \$(\w+)/g)].map((match) => match[1]);
    const natsUsers = SECRET_VALUES.filter(({ secret }) => secret === 'nats-users').map(
      ({ key }) => key,
    );
    expect(referenced.sort()).toEqual(natsUsers.sort());
    each((objects) => {
      const nats = workloadNamed(objects, 'nats');
      expect(nats.pod.containers[0].envFrom).toContainEqual({ secretRef: { name: 'nats-users' } });
    });
  });
});
