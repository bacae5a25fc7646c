import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { runOk } from './run';

const MIRROR = process.env.DEBIAN_MIRROR ?? 'http://deb.debian.org/debian';

/** Where fetched tools are kept, beside the other caches of the project (tools/infra). */
export const toolsCacheDir = (): string =>
  join(process.env.POLYSHOP_CACHE_DIR ?? join(homedir(), '.cache', 'polyshop'), 'deploy-tools');

export interface DebianFile {
  readonly suite: string;
  readonly packageName: string;
  /** Path of the file inside the package, e.g. `./usr/bin/tool`. */
  readonly path: string;
}

/**
 * One file of a Debian package of any suite, fetched once into the cache with apt's own
 * download and signature checks, against a private package index: nothing is installed on the
 * machine and its apt sources are left alone. Returns the file's path in the cache.
 */
export function debianFile(file: DebianFile): Promise<string> {
  const target = join(toolsCacheDir(), file.suite, file.packageName, file.path);
  if (existsSync(target)) return Promise.resolve(target);
  // One fetch at a time: they share the suite's package index, which apt locks.
  const fetched = fetching.then(() => fetch(file));
  fetching = fetched.catch(() => undefined);
  return fetched;
}

let fetching: Promise<unknown> = Promise.resolve();

async function fetch({ suite, packageName, path }: DebianFile): Promise<string> {
  const dir = join(toolsCacheDir(), suite, packageName);
  const target = join(dir, path);
  if (existsSync(target)) return target;
  const apt = join(toolsCacheDir(), suite, 'apt');
  mkdirSync(join(apt, 'lists', 'partial'), { recursive: true });
  mkdirSync(join(apt, 'archives', 'partial'), { recursive: true });
  writeFileSync(join(apt, 'sources.list'), `deb ${MIRROR} ${suite} main\n`);
  const options = [
    ['Dir::Etc::SourceList', join(apt, 'sources.list')],
    ['Dir::Etc::SourceParts', '/dev/null'],
    ['Dir::State::Lists', join(apt, 'lists')],
    ['Dir::Cache', apt],
    ['Dir::Cache::Archives', join(apt, 'archives')],
  ].flatMap(([key, value]) => ['-o', `${key}=${value}`]);
  await runOk('apt-get', ['-qq', ...options, 'update'], { timeoutMs: 5 * 60_000 });
  const download = join(apt, 'download');
  rmSync(download, { recursive: true, force: true });
  mkdirSync(download, { recursive: true });
  await runOk('apt-get', ['-qq', ...options, 'download', packageName], {
    cwd: download,
    timeoutMs: 10 * 60_000,
  });
  const deb = readdirSync(download).find((name) => name.endsWith('.deb'));
  if (!deb) throw new Error(`apt-get download ${packageName} (${suite}) left no package`);
  // Extracted beside its final place and renamed when complete: never half a tool in the cache.
  const partial = `${dir}.partial-${process.pid}`;
  mkdirSync(partial, { recursive: true });
  await runOk('sh', [
    '-c',
    'dpkg-deb --fsys-tarfile "$1" | tar -x -C "$2" "$3"',
    'sh',
    join(download, deb),
    partial,
    path,
  ]);
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  rmSync(download, { recursive: true, force: true });
  return target;
}
