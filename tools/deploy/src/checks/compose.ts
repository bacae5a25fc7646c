import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMPOSE_FILE } from '../compose-env';
import { run, type RunResult } from '../tooling/run';
import { dockerCompose } from './tools';

export interface ComposeService {
  image?: string;
  build?: { args?: Record<string, string> };
  command?: string[];
  environment?: Record<string, string | null>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  volumes?: Array<{ source?: string; target: string }>;
}

/** `docker compose config` of docker/compose.yaml with these variables (no Docker daemon). */
export async function composeConfig(
  env: string,
): Promise<RunResult & { services?: Record<string, ComposeService> }> {
  const dir = mkdtempSync(join(tmpdir(), 'polyshop-compose-'));
  try {
    writeFileSync(join(dir, 'env'), env);
    const result = await run(await dockerCompose(), [
      '--file',
      COMPOSE_FILE,
      '--env-file',
      join(dir, 'env'),
      'config',
      '--format',
      'json',
    ]);
    if (result.code !== 0) return result;
    const { services } = JSON.parse(result.stdout) as { services: Record<string, ComposeService> };
    return { ...result, services };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
