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
 * The data folder: `<repo>/.data`, or `<repo>/.data-<instance>` for a second, independent set
 * of servers (the chaos suite's). PostgreSQL and MariaDB drop root, so when the checkout sits
 * under a folder others cannot search (a 0700 home) they could not reach it; then the data lives
 * in `/var/lib/polyshop/<hash of the folder's path>` and the folder is a symlink to it, so it is
 * still found (and ignored by git) in the same place.
 */
export function resolveDataDir(
  repoRoot: string,
  instance?: string,
  fallbackRoot = FALLBACK_DATA_ROOT,
): string {
  const link = path.join(repoRoot, instance === undefined ? '.data' : `.data-${instance}`);
  const existing = fs.lstatSync(link, { throwIfNoEntry: false });
  if (existing?.isSymbolicLink()) {
    const target = fs.readlinkSync(link);
    fs.mkdirSync(target, { recursive: true, mode: 0o755 });
    return target;
  }
  if (existing !== undefined || searchableByOthers(repoRoot)) return link;
  // The checkout's path alone for `.data`, so that existing fallback folders are found again.
  const hash = createHash('sha256')
    .update(instance === undefined ? repoRoot : link)
    .digest('hex')
    .slice(0, 12);
  const target = path.join(fallbackRoot, hash);
  fs.mkdirSync(target, { recursive: true, mode: 0o755 });
  fs.symlinkSync(target, link);
  return target;
}
