import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { ServiceName } from '@polyshop/contracts';
import { acceptsConnections, waitFor } from '@polyshop/testing';
import { buildImages } from './images';
import { KUSTOMIZATIONS, K8S_DIR, render } from './checks/kustomize';
import { passwordVariable, ADMIN_USER } from './nats/permissions';
import { APPS, APP_NAMES, DEFAULT_TAG, ROOT, imageOf, type StoreName } from './platform';
import { generateSecrets, secretManifests } from './secrets/secrets';
import { smoke } from './smoke';
import { run, runOk } from './tooling/run';

const CLUSTER = 'polyshop';
const NAMESPACE = 'polyshop';
const GATEWAY = 'http://127.0.0.1:30000';
const kubectl = (...args: string[]) =>
  runOk('kubectl', ['--context', `kind-${CLUSTER}`, '-n', NAMESPACE, ...args]);

export interface KindOptions {
  /** The overlay applied; kind-e2e carries the system suite's short deadlines. */
  overlay: 'kind' | 'kind-e2e';
  /** Run the system suite (apps/platform-e2e) against the cluster after the smoke scenarios. */
  e2e: boolean;
  log: (line: string) => void;
}

/** kind 0.24 or later: its kindnet enforces NetworkPolicy, which the manifests rely on. */
async function checkTools(): Promise<void> {
  for (const tool of [
    ['docker', 'version'],
    ['kubectl', 'version', '--client'],
    ['kind', 'version'],
  ]) {
    const result = await run(tool[0], tool.slice(1)).catch(() => null);
    if (!result || result.code !== 0)
      throw new Error(`${tool[0]} is needed (and a running Docker daemon)`);
  }
  const version = /v0\.(\d+)\./.exec(await runOk('kind', ['version']))?.[1];
  if (version !== undefined && Number(version) < 24) {
    throw new Error(`kind v0.${version} does not enforce NetworkPolicy: use kind 0.24 or later`);
  }
}

/** Creates the cluster of k8s/kind/cluster.yaml unless it exists. */
async function ensureCluster(log: KindOptions['log']): Promise<void> {
  const clusters = (await runOk('kind', ['get', 'clusters'])).split('\n');
  if (clusters.includes(CLUSTER)) return log(`cluster ${CLUSTER} exists`);
  log(`creating cluster ${CLUSTER}`);
  await runOk(
    'kind',
    ['create', 'cluster', '--config', join(K8S_DIR, 'kind', 'cluster.yaml'), '--wait', '5m'],
    {
      inherit: true,
      timeoutMs: 15 * 60_000,
    },
  );
}

/** Creates each generated Secret that the cluster does not hold yet; existing ones are kept. */
async function ensureSecrets(log: KindOptions['log']): Promise<void> {
  for (const manifest of secretManifests(generateSecrets())) {
    const exists = await kubectl('get', 'secret', manifest.metadata.name).then(
      () => true,
      () => false,
    );
    if (exists) continue;
    await runOk('kubectl', ['--context', `kind-${CLUSTER}`, 'apply', '-f', '-'], {
      input: JSON.stringify(manifest),
    });
    log(`secret ${manifest.metadata.name} created`);
  }
}

/** A value of a Secret of the cluster. */
const secretValue = async (secret: string, key: string) =>
  Buffer.from(
    await kubectl('get', 'secret', secret, '-o', `jsonpath={.data.${key}}`),
    'base64',
  ).toString();

/** Waits for every StatefulSet and Deployment of the namespace to be rolled out. */
async function waitForRollout(log: KindOptions['log']): Promise<void> {
  for (const kind of ['statefulset', 'deployment']) {
    const names = (await kubectl('get', kind, '-o', 'name')).split('\n').filter(Boolean);
    for (const name of names) {
      await kubectl('rollout', 'status', name, '--timeout=10m');
      log(`${name} rolled out`);
    }
  }
}

const STORE_PORTS: Record<StoreName, number> = {
  'postgres-user': 5432,
  'postgres-payment': 5432,
  'mysql-order': 3306,
  'mongo-product': 27017,
  'redis-inventory': 6379,
};

/** Whether a pod of `from` can open a TCP connection to host:port (through the pod network). */
const canConnect = async (from: ServiceName, host: string, port: number): Promise<boolean> => {
  const script = `const s=require('net').connect(${port},'${host}');s.setTimeout(3000);s.on('connect',()=>process.exit(0));s.on('timeout',()=>process.exit(1));s.on('error',()=>process.exit(1));`;
  const result = await run('kubectl', [
    '--context',
    `kind-${CLUSTER}`,
    '-n',
    NAMESPACE,
    'exec',
    `deploy/${from}`,
    '--',
    'node',
    '-e',
    script,
  ]);
  return result.code === 0;
};

/** Database per service on the cluster itself: each store answers its owner, and only it. */
async function checkNetworkPolicies(log: KindOptions['log']): Promise<void> {
  for (const app of APP_NAMES) {
    const store = APPS[app].store;
    if (!store) continue;
    for (const from of APP_NAMES) {
      const reached = await canConnect(from, store, STORE_PORTS[store]);
      if (reached !== (from === app)) {
        throw new Error(
          `${from} ${reached ? 'reaches' : 'does not reach'} ${store}: NetworkPolicy not enforced as written`,
        );
      }
    }
    log(`${store} accepts ${app} only`);
  }
}

/** `kubectl port-forward` to a Service, on a local port; stopped by the returned function. */
async function portForward(service: string, localPort: number, port: number): Promise<() => void> {
  const child: ChildProcess = spawn(
    'kubectl',
    [
      '--context',
      `kind-${CLUSTER}`,
      '-n',
      NAMESPACE,
      'port-forward',
      `svc/${service}`,
      `${localPort}:${port}`,
    ],
    { stdio: 'ignore' },
  );
  await waitFor(
    () => acceptsConnections(localPort),
    (up) => up,
    { description: `port-forward to ${service}`, timeoutMs: 20_000 },
  );
  return () => child.kill('SIGTERM');
}

/**
 * Creates the kind cluster, builds the images and loads them into it, generates the Secrets,
 * applies the overlay, waits for every rollout, checks the NetworkPolicies from inside the
 * cluster, runs the smoke scenarios and (with `e2e`) the system suite against it.
 */
export async function kindUp({ overlay, e2e, log }: KindOptions): Promise<void> {
  if (!KUSTOMIZATIONS.includes(`overlays/${overlay}`)) throw new Error(`no overlay ${overlay}`);
  await checkTools();
  await ensureCluster(log);
  await buildImages({ tag: DEFAULT_TAG, log });
  for (const app of APP_NAMES) {
    await runOk('kind', ['load', 'docker-image', imageOf(app, DEFAULT_TAG), '--name', CLUSTER], {
      timeoutMs: 10 * 60_000,
    });
    log(`loaded ${imageOf(app, DEFAULT_TAG)}`);
  }
  const objects = await render(`overlays/${overlay}`);
  const namespace = objects.filter((object) => object.kind === 'Namespace');
  await runOk('kubectl', ['--context', `kind-${CLUSTER}`, 'apply', '-f', '-'], {
    input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: namespace }),
  });
  await ensureSecrets(log);
  await runOk(
    'kubectl',
    ['--context', `kind-${CLUSTER}`, 'apply', '-k', join(K8S_DIR, 'overlays', overlay)],
    { inherit: true },
  );
  await waitForRollout(log);
  await checkNetworkPolicies(log);
  const adminEmail = await secretValue('user-service', 'admin-email');
  const adminPassword = await secretValue('user-service', 'admin-password');
  await smoke({ gateway: GATEWAY, adminEmail, adminPassword, log });
  if (!e2e) return;
  const stops = [
    await portForward('postgres-user', 25432, 5432),
    await portForward('postgres-payment', 25433, 5432),
    await portForward('mysql-order', 23306, 3306),
    await portForward('redis-inventory', 26379, 6379),
    // Not 27017, where a MongoDB of the machine may listen.
    await portForward('mongo-product', 27117, 27017),
    await portForward('nats', 24222, 4222),
  ];
  try {
    const secret = (name: string, key: string) => secretValue(name, key);
    const env = {
      ...process.env,
      // The suite drives this cluster instead of starting the apps itself: it requires GET
      // /health to answer 200, reads each app's readiness from it, and stops and starts apps
      // with `<E2E_APP_CONTROL> stop|start <app> [SIGKILL]` (apps/platform-e2e/src/support/platform.ts).
      E2E_PLATFORM: 'external',
      E2E_GATEWAY_URL: GATEWAY,
      E2E_APP_CONTROL: `tsx --tsconfig ${join(ROOT, 'tsconfig.base.json')} ${join(ROOT, 'tools/deploy/src/main.ts')} kind-app`,
      // The stores and NATS through the port-forwards, with the cluster's credentials.
      PRODUCT_MONGO_URL: `mongodb://product-service:${await secret('mongo-product', 'password')}@127.0.0.1:27117/products?directConnection=true&authSource=products`,
      USER_DB_URL: `postgres://user-service:${await secret('postgres-user', 'password')}@127.0.0.1:25432/users`,
      PAYMENT_DB_URL: `postgres://payment-service:${await secret('postgres-payment', 'password')}@127.0.0.1:25433/payments`,
      ORDER_DB_URL: `mysql://order-service:${await secret('mysql-order', 'password')}@127.0.0.1:23306/orders`,
      INVENTORY_REDIS_URL: `redis://:${await secret('redis-inventory', 'password')}@127.0.0.1:26379`,
      NATS_URL: `nats://${ADMIN_USER}:${await secret('nats-users', passwordVariable(ADMIN_USER))}@127.0.0.1:24222`,
      ADMIN_EMAIL: adminEmail,
      ADMIN_PASSWORD: adminPassword,
      // The edge fuzzing forges tokens with the gateway's key.
      JWT_SECRET: await secret('api-gateway', 'jwt-secret'),
    };
    await runOk('npx', ['nx', 'run', 'platform-e2e:e2e', '--output-style=stream'], {
      cwd: ROOT,
      env,
      inherit: true,
      timeoutMs: 60 * 60_000,
    });
  } finally {
    for (const stop of stops) stop();
  }
}

/**
 * Stops or starts one app of the cluster, for the system suite's outage scenarios: SIGTERM
 * scales its Deployment to zero (graceful shutdown), SIGKILL also force-deletes its pods.
 */
export async function kindApp(action: string, app: ServiceName, signal = 'SIGTERM'): Promise<void> {
  const selector = `app.kubernetes.io/name=${app}`;
  if (action === 'stop') {
    await kubectl('scale', `deployment/${app}`, '--replicas=0');
    if (signal === 'SIGKILL')
      await kubectl('delete', 'pod', '-l', selector, '--grace-period=0', '--force');
    await kubectl('wait', '--for=delete', 'pod', '-l', selector, '--timeout=60s');
  } else if (action === 'start') {
    await kubectl('scale', `deployment/${app}`, '--replicas=1');
    await kubectl('rollout', 'status', `deployment/${app}`, '--timeout=120s');
  } else {
    throw new Error(`kind-app ${action}: stop or start`);
  }
}
