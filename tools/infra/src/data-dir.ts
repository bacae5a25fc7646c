import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Where data goes when the checkout itself is out of reach of the servers' own users. */
export const FALLBACK_DATA_ROOT = '/var/lib/polyshop';

/** True when every folder from `dir` up to `/` can be walked through by any user. */
export function searchableByOthers(dir: string): boolean {
  for (let current = dir; ; current = path.dirname(current)) {
    if ((fs.statSync(current).mode & 0o001) === 0) return false;
    if (current === path.dirname(current)) return true;
  }
}

/**
 * The data folder: `<repo>/.data`. PostgreSQL and MariaDB drop root, so when the checkout sits
 * under a folder others cannot search (a 0700 home) they could not reach it; then the data lives
 * in `/var/lib/polyshop/<hash of the checkout path>` and `<repo>/.data` is a symlink to it, so it
 * is still found (and ignored by git) in the same place.
 */
export function resolveDataDir(repoRoot: string, fallbackRoot = FALLBACK_DATA_ROOT): string {
  const link = path.join(repoRoot, '.data');
  const existing = fs.lstatSync(link, { throwIfNoEntry: false });
  if (existing?.isSymbolicLink()) {
    const target = fs.readlinkSync(link);
    fs.mkdirSync(target, { recursive: true, mode: 0o755 });
    return target;
  }
  if (existing !== undefined || searchableByOthers(repoRoot)) return link;
  const hash = createHash('sha256').update(repoRoot).digest('hex').slice(0, 12);
  const target = path.join(fallbackRoot, hash);
  fs.mkdirSync(target, { recursive: true, mode: 0o755 });
  fs.symlinkSync(target, link);
  return target;
}
