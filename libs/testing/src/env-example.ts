import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Reads the workspace's `.env.example` (found upwards from this file) into key/value pairs. */
export function readEnvExample(): Map<string, string> {
  let dir = __dirname;
  while (!existsSync(join(dir, '.env.example'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('.env.example not found above ' + __dirname);
    dir = parent;
  }
  const entries = readFileSync(join(dir, '.env.example'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const eq = line.indexOf('=');
      return [line.slice(0, eq), line.slice(eq + 1)] as const;
    });
  return new Map(entries);
}

/**
 * Asserts that every variable of a validated env object is documented in `.env.example` with
 * the value the app falls back to, so the example never drifts from the code.
 */
export function expectDocumentedInEnvExample(env: object): void {
  const example = readEnvExample();
  for (const [key, value] of Object.entries(env)) {
    expect({ key, documented: example.get(key) }).toEqual({ key, documented: String(value) });
  }
}
