import os from 'node:os';
import path from 'node:path';
import { LOCAL_HOST, LOCAL_INFRA } from '@polyshop/config';
import { InfraError } from './errors';

export type PortKey = keyof typeof LOCAL_INFRA;
export type Ports = Record<PortKey, number>;

export interface InfraSettings {
  readonly host: string;
  readonly repoRoot: string;
  /** Everything the instances write: data, sockets, pid files, logs (git-ignored). */
  readonly dataDir: string;
  readonly logsDir: string;
  readonly runDir: string;
  /** Survives `infra:reset` and fresh clones: the debootstrapped DocumentDB root lives here. */
  readonly cacheDir: string;
  readonly ports: Ports;
}

/** `postgres-user` -> `POLYSHOP_POSTGRES_USER_PORT`. */
export function portEnvName(storeName: string): string {
  return `POLYSHOP_${storeName.toUpperCase().replace(/-/g, '_')}_PORT`;
}

/** Default ports from LOCAL_INFRA, each overridable by its `POLYSHOP_<NAME>_PORT`. */
export function resolvePorts(env: NodeJS.ProcessEnv): Ports {
  const problems: string[] = [];
  const ports = {} as Ports;
  for (const key of Object.keys(LOCAL_INFRA) as PortKey[]) {
    const { name, port } = LOCAL_INFRA[key];
    const variable = portEnvName(name);
    const raw = env[variable]?.trim();
    if (raw === undefined || raw === '') {
      ports[key] = port;
    } else if (/^\d+$/.test(raw) && Number(raw) >= 1 && Number(raw) <= 65535) {
      ports[key] = Number(raw);
    } else {
      problems.push(`${variable}=${JSON.stringify(raw)} is not a port number (1-65535)`);
    }
  }
  const owners = new Map<number, string>();
  for (const key of Object.keys(ports) as PortKey[]) {
    const other = owners.get(ports[key]);
    if (other !== undefined) {
      problems.push(`${other} and ${LOCAL_INFRA[key].name} both use port ${ports[key]}`);
    }
    owners.set(ports[key], LOCAL_INFRA[key].name);
  }
  if (problems.length > 0) {
    throw new InfraError(`Bad port configuration: ${problems.join('; ')}`);
  }
  return ports;
}

export function resolveSettings(env: NodeJS.ProcessEnv, repoRoot: string): InfraSettings {
  const dataDir = env.POLYSHOP_DATA_DIR
    ? path.resolve(env.POLYSHOP_DATA_DIR)
    : path.join(repoRoot, '.data');
  const home = env.HOME || os.homedir();
  const cacheDir = env.POLYSHOP_CACHE_DIR
    ? path.resolve(env.POLYSHOP_CACHE_DIR)
    : path.join(home, '.cache', 'polyshop');
  return {
    host: LOCAL_HOST,
    repoRoot,
    dataDir,
    logsDir: path.join(dataDir, 'logs'),
    runDir: path.join(dataDir, 'run'),
    cacheDir,
    ports: resolvePorts(env),
  };
}
