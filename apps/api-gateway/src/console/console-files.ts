import { createReadStream, statSync, type ReadStream } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import type { ConfigService } from '@nestjs/config';

/** Where the console is served; its build uses the same base (apps/console/vite.config.mts). */
export const CONSOLE_PATH = '/console';

/**
 * Pages of the console may load code, styles and data from the gateway only: no inline
 * script, no other origin, no framing.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** What a Vite build of the console holds. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** The absolute folder of the built console (`CONSOLE_DIR`, relative to the working directory). */
export const consoleDir = (config: ConfigService): string =>
  resolve(config.getOrThrow<string>('CONSOLE_DIR'));

export interface ConsoleFile {
  readonly type: string;
  readonly size: number;
  readonly open: () => ReadStream;
}

/**
 * A regular file of the build, by its path relative to `root`; `null` for anything else: a
 * missing file, a folder, an unknown type, a path leading outside `root` (`../`), or one with a
 * NUL byte (which the file system calls refuse with an exception).
 * Served by hand rather than with `@fastify/static`, whose ESM-only dependencies jest cannot
 * load in the gateway's tests.
 */
export function consoleFile(root: string, relativePath: string): ConsoleFile | null {
  if (relativePath.includes('\0')) return null;
  const path = resolve(root, relativePath);
  const type = CONTENT_TYPES[extname(path)];
  if (!path.startsWith(root + sep) || type === undefined) return null;
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats?.isFile()) return null;
  return { type, size: stats.size, open: () => createReadStream(path) };
}
