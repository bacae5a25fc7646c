import fs from 'node:fs';
import path from 'node:path';
import { run } from './runner';
import { SYSTEM } from './system-binaries';

const MOUNT_TIMEOUT_MS = 30_000;

/** Mount points listed in a /proc/<pid>/mountinfo text (field 5, octal escapes decoded). */
export function parseMountPoints(mountinfo: string): string[] {
  return mountinfo
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((field): field is string => field !== undefined && field !== '')
    .map((field) =>
      field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8))),
    );
}

const mountPoints = () => parseMountPoints(fs.readFileSync('/proc/self/mountinfo', 'utf8'));

export const isMountPoint = (dir: string) => mountPoints().includes(path.resolve(dir));

/** Mount points at or below `dir`, deepest first (the order to unmount them). */
export function mountsUnder(dir: string): string[] {
  const root = path.resolve(dir);
  return mountPoints()
    .filter((point) => point === root || point.startsWith(`${root}/`))
    .sort((a, b) => b.length - a.length);
}

export async function bindMount(source: string, target: string): Promise<void> {
  await run(SYSTEM.mount, ['--bind', source, target], { timeoutMs: MOUNT_TIMEOUT_MS });
}

export async function unmount(target: string): Promise<void> {
  await run(SYSTEM.umount, [target], { timeoutMs: MOUNT_TIMEOUT_MS });
}
