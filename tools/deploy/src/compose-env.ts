import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './platform';
import { SECRET_VALUES, generateSecrets } from './secrets/secrets';

export const COMPOSE_FILE = join(ROOT, 'docker', 'compose.yaml');
export const COMPOSE_ENV_EXAMPLE = join(ROOT, 'docker', '.env.example');
export const COMPOSE_ENV = join(ROOT, 'docker', '.env');

/** docker/.env.example with every secret filled in with a freshly generated value. */
export function renderComposeEnv(values = generateSecrets()): string {
  const secrets = new Set(SECRET_VALUES.map(({ variable }) => variable));
  return readFileSync(COMPOSE_ENV_EXAMPLE, 'utf8')
    .split('\n')
    .map((line) => {
      const variable = /^([A-Z0-9_]+)=$/.exec(line)?.[1];
      return variable && secrets.has(variable) ? `${line}${values.get(variable)}` : line;
    })
    .join('\n');
}

/**
 * Writes docker/.env with generated secrets, unless it exists: the store volumes keep the
 * passwords they were first started with, so new ones would lock the apps out.
 */
export function writeComposeEnv(file = COMPOSE_ENV): 'written' | 'kept' {
  if (existsSync(file)) return 'kept';
  writeFileSync(file, renderComposeEnv(), { mode: 0o600 });
  return 'written';
}
