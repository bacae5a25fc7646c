import type { ServiceName } from '@polyshop/contracts';
import { APPS, APP_NAMES, DEFAULT_TAG, ROOT, appPort, imageOf } from './platform';
import { runOk } from './tooling/run';

export interface ImageOptions {
  tag?: string;
  apps?: readonly ServiceName[];
  /** CA bundle npm must trust inside the build (a TLS-intercepting proxy); none by default. */
  caCerts?: string;
  /** Network of the build's RUN steps, e.g. `host` where the Docker daemon has no bridge. */
  network?: string;
  log?: (line: string) => void;
}

export interface BuiltImage {
  image: string;
  seconds: number;
  bytes: number;
}

/**
 * Builds the image of each app from docker/Dockerfile (BuildKit). The first build compiles the
 * workspace; the others reuse that stage from the build cache.
 */
export async function buildImages({
  tag = DEFAULT_TAG,
  apps = APP_NAMES,
  caCerts = process.env.EXTRA_CA_CERTS || undefined,
  network = process.env.POLYSHOP_BUILD_NETWORK || undefined,
  log = () => undefined,
}: ImageOptions = {}): Promise<BuiltImage[]> {
  const built: BuiltImage[] = [];
  for (const app of apps) {
    const image = imageOf(app, tag);
    const started = Date.now();
    log(`building ${image}`);
    await runOk(
      'docker',
      [
        'buildx',
        'build',
        '--load',
        '--progress=plain',
        '--file',
        'docker/Dockerfile',
        '--build-arg',
        `APP=${app}`,
        '--build-arg',
        `PORT_VAR=${APPS[app].portVariable}`,
        '--build-arg',
        `PORT=${appPort(app)}`,
        ...(caCerts ? ['--secret', `id=extra_ca_certs,src=${caCerts}`] : []),
        ...(network ? ['--network', network] : []),
        '--tag',
        image,
        '.',
      ],
      { cwd: ROOT, timeoutMs: 30 * 60_000 },
    );
    const bytes = Number(
      await runOk('docker', ['image', 'inspect', '--format', '{{.Size}}', image]),
    );
    built.push({ image, seconds: (Date.now() - started) / 1000, bytes });
    log(
      `built ${image}: ${(bytes / 1e6).toFixed(0)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  return built;
}
