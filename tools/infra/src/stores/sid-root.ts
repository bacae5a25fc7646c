import fs from 'node:fs';
import path from 'node:path';
import { InfraError } from '../errors';
import { mountsUnder, unmount } from '../mounts';
import { isAlive } from '../processes';
import { run } from '../runner';
import { SYSTEM } from '../system-binaries';
import type { Log } from '../store';

export const PG18_BIN = '/usr/lib/postgresql/18/bin';
const PACKAGES = ['postgresql-18', 'postgresql-18-documentdb'];
/** What a usable root contains; checked before a fresh build is renamed into place. */
const REQUIRED = [
  `${PG18_BIN}/postgres`,
  `${PG18_BIN}/pg_ctl`,
  '/usr/lib/postgresql/18/lib/pg_documentdb.so',
  '/usr/lib/postgresql/18/lib/pg_cron.so',
  SYSTEM.runuser,
];
const DEBOOTSTRAP_TIMEOUT_MS = 15 * 60_000;
const REMOVE_TIMEOUT_MS = 5 * 60_000;
const NAME = 'documentdb-root';
const PARTIAL = /^documentdb-root\.partial-(\d+)$/;

/**
 * The Debian sid root that DocumentDB runs in (it needs glibc >= 2.38 and PostgreSQL 18, which
 * bookworm lacks). Built once by debootstrap into a scratch folder and renamed when complete, in
 * a cache outside the repository so that fresh clones and `infra:reset` reuse it.
 */
export class SidRoot {
  readonly path: string;

  constructor(
    private readonly cacheDir: string,
    private readonly logsDir: string,
  ) {
    this.path = path.join(cacheDir, NAME);
  }

  private missingIn(root: string): string[] {
    return REQUIRED.filter((file) => !fs.existsSync(path.join(root, file)));
  }

  async ensure(log: Log): Promise<void> {
    if (fs.existsSync(this.path)) {
      const missing = this.missingIn(this.path);
      if (missing.length === 0) return;
      throw new InfraError(
        `The DocumentDB root ${this.path} is incomplete (no ${missing.join(', ')}). ` +
          `Delete it (umount anything under it first) and run infra:up again to rebuild it.`,
      );
    }
    fs.mkdirSync(this.cacheDir, { recursive: true });
    await this.removeAbandonedBuilds();
    const scratch = path.join(this.cacheDir, `${NAME}.partial-${process.pid}`);
    const logFile = path.join(this.logsDir, `${NAME}.log`);
    await removeTree(scratch);
    log(`building the DocumentDB root (debootstrap sid, ~870 MB) in ${this.path}, log: ${logFile}`);
    try {
      await run(
        SYSTEM.debootstrap,
        ['--variant=minbase', `--include=${PACKAGES.join(',')}`, 'sid', scratch],
        { timeoutMs: DEBOOTSTRAP_TIMEOUT_MS, logFile },
      );
      const missing = this.missingIn(scratch);
      if (missing.length > 0) {
        throw new InfraError(
          `debootstrap finished but ${missing.join(', ')} are missing (log: ${logFile})`,
        );
      }
      if (fs.existsSync(this.path)) {
        await removeTree(scratch); // a concurrent build finished first
      } else {
        fs.renameSync(scratch, this.path);
      }
    } catch (error) {
      await removeTree(scratch).catch(() => undefined);
      throw error;
    }
  }

  /** Scratch folders of builds whose process is gone (interrupted: never trusted, deleted). */
  private async removeAbandonedBuilds(): Promise<void> {
    for (const entry of fs.readdirSync(this.cacheDir)) {
      const builder = PARTIAL.exec(entry)?.[1];
      if (builder !== undefined && !isAlive(Number(builder))) {
        await removeTree(path.join(this.cacheDir, entry));
      }
    }
  }
}

/** Deletes a root tree without ever crossing into something mounted inside it. */
async function removeTree(dir: string): Promise<void> {
  if (!fs.existsSync(dir)) return;
  for (const point of mountsUnder(dir)) await unmount(point);
  await run(SYSTEM.rm, ['-rf', '--one-file-system', dir], { timeoutMs: REMOVE_TIMEOUT_MS });
}
