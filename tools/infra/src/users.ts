import fs from 'node:fs';
import path from 'node:path';
import { InfraError } from './errors';

export interface UnixIds {
  readonly uid: number;
  readonly gid: number;
}

/** The uid/gid of `user` in an /etc/passwd text. */
export function parsePasswd(passwd: string, user: string): UnixIds | undefined {
  for (const line of passwd.split('\n')) {
    const [name, , uid, gid] = line.split(':');
    if (name === user && uid !== undefined && gid !== undefined) {
      return { uid: Number(uid), gid: Number(gid) };
    }
  }
  return undefined;
}

/** A system user, on this machine or inside a chroot (whose ids may differ). */
export function unixUser(user: string, root = '/'): UnixIds {
  const passwdFile = path.join(root, 'etc/passwd');
  const ids = parsePasswd(fs.readFileSync(passwdFile, 'utf8'), user);
  if (ids === undefined) {
    throw new InfraError(
      `User "${user}" does not exist in ${passwdFile}; is its server installed?`,
    );
  }
  return ids;
}

/** Creates the directory if needed and gives it (not its content) to the user. */
export function ownedDir(dir: string, ids: UnixIds, mode = 0o700): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.chownSync(dir, ids.uid, ids.gid);
  fs.chmodSync(dir, mode);
  return dir;
}

/** Creates the file if needed (without truncating it) and gives it to the user. */
export function ownedFile(file: string, ids: UnixIds): string {
  fs.closeSync(fs.openSync(file, 'a'));
  fs.chownSync(file, ids.uid, ids.gid);
  return file;
}

/**
 * Servers that drop root (PostgreSQL, MariaDB) must be able to walk down to their data: a
 * checkout under a 0700 home directory would make them fail with an obscure error.
 */
export function assertReachable(dir: string, user: string, ids: UnixIds): void {
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    const stat = fs.statSync(current);
    const searchable =
      (stat.mode & 0o001) !== 0 ||
      (stat.uid === ids.uid && (stat.mode & 0o100) !== 0) ||
      (stat.gid === ids.gid && (stat.mode & 0o010) !== 0);
    if (!searchable) {
      throw new InfraError(
        `The ${user} user cannot reach ${dir}: ${current} is not searchable by others ` +
          `(mode ${(stat.mode & 0o777).toString(8)}). Set POLYSHOP_DATA_DIR to a folder outside ` +
          `it, or run \`chmod o+x ${current}\`.`,
      );
    }
    if (current === path.dirname(current)) return;
  }
}
