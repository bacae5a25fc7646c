import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isServiceName } from '@polyshop/contracts';
import { COMPOSE_ENV, writeComposeEnv } from './compose-env';
import { buildImages } from './images';
import { kindApp, kindUp } from './kind';
import { renderAuthorization } from './nats/permissions';
import { ROOT } from './platform';
import { generateSecrets, secretManifests } from './secrets/secrets';
import { smoke } from './smoke';

const log = (line: string) => process.stdout.write(`${line}\n`);

const USAGE = `usage: tsx tools/deploy/src/main.ts <command>
  nats-config                 regenerate k8s/base/nats/authorization.conf from libs/contracts
  images [--tag T]            build the six app images (polyshop/<app>:dev)
  compose-env                 write docker/.env with generated secrets (kept if it exists)
  k8s-secrets                 print the generated Kubernetes Secrets (JSON list) on stdout
  kind [--no-e2e]             kind cluster, images, Secrets, apply, rollout, smoke, system suite
  kind-app stop|start <app> [SIGTERM|SIGKILL]   stop or start one app of the kind cluster
  smoke [--gateway URL] [--env-file F]          smoke scenarios against a running platform`;

const option = (args: string[], name: string): string | undefined => {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
};

/** ADMIN_EMAIL and ADMIN_PASSWORD from the environment, or from an env file (docker/.env). */
const adminFrom = (envFile: string | undefined) => {
  const fromFile = new Map(
    envFile
      ? readFileSync(envFile, 'utf8')
          .split('\n')
          .map((line) => /^([A-Z_]+)=(.*)$/.exec(line))
          .filter((match): match is RegExpExecArray => match !== null)
          .map((match) => [match[1], match[2]] as const)
      : [],
  );
  const get = (key: string) => process.env[key] ?? fromFile.get(key) ?? '';
  return { adminEmail: get('ADMIN_EMAIL'), adminPassword: get('ADMIN_PASSWORD') };
};

async function main([command, ...args]: string[]): Promise<void> {
  switch (command) {
    case 'nats-config': {
      const file = join(ROOT, 'k8s/base/nats/authorization.conf');
      writeFileSync(file, renderAuthorization());
      return log(`wrote ${file}`);
    }
    case 'images': {
      const built = await buildImages({ tag: option(args, '--tag'), log });
      for (const { image, seconds, bytes } of built) {
        log(
          `${image.padEnd(40)} ${(bytes / 1e6).toFixed(0).padStart(5)} MB ${seconds.toFixed(1).padStart(7)} s`,
        );
      }
      return;
    }
    case 'compose-env':
      return log(`${COMPOSE_ENV}: ${writeComposeEnv()}`);
    case 'k8s-secrets':
      return log(
        JSON.stringify(
          { apiVersion: 'v1', kind: 'List', items: secretManifests(generateSecrets()) },
          null,
          2,
        ),
      );
    case 'kind':
      return kindUp({
        overlay: args.includes('--no-e2e') ? 'kind' : 'kind-e2e',
        e2e: !args.includes('--no-e2e'),
        log,
      });
    case 'kind-app': {
      const [action, app, signal] = args;
      if (!isServiceName(app ?? '')) throw new Error(`kind-app: unknown app ${app}`);
      return kindApp(action, app, signal);
    }
    case 'smoke': {
      const gateway =
        option(args, '--gateway') ?? process.env.E2E_GATEWAY_URL ?? 'http://127.0.0.1:3000';
      return smoke({ gateway, ...adminFrom(option(args, '--env-file')), log });
    }
    default:
      throw new Error(USAGE);
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
