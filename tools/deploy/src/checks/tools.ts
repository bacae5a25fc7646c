import { debianFile } from '../tooling/debian-file';
import { CLIENT_GO_SCHEMA } from './kube-fields';

/**
 * Docker Compose v2 from Debian (sid: bookworm has only v1), run as a standalone binary: `config`
 * needs no Docker daemon, and the machine's own Docker installation is neither needed nor used.
 */
const DOCKER_COMPOSE = {
  suite: 'sid',
  packageName: 'docker-compose',
  path: './usr/libexec/docker/cli-plugins/docker-compose',
} as const;

/** The docker compose binary the checks run (fetched into the cache on first use). */
export const dockerCompose = (): Promise<string> => debianFile(DOCKER_COMPOSE);

/** client-go's internal.go, holding the field names of every built-in type. */
export const clientGoSchema = (): Promise<string> => debianFile(CLIENT_GO_SCHEMA);
