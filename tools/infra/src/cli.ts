import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, usage } from './args';
import { resolveDataDir } from './data-dir';
import { down, pids, reset, status, up, type Print } from './commands';
import { InfraError } from './errors';
import { withLock } from './lock';
import { ensureBinaries } from './packages';
import { createStores, selectStores } from './registry';
import { resolveSettings, type InfraSettings } from './settings';

const REPO_ROOT = path.resolve(__dirname, '../../..');

/** The browser the console's tests drive (apps/platform-e2e/src/console.e2e-spec.ts). */
export const CHROMIUM = { binary: '/usr/bin/chromium', debianPackage: 'chromium' } as const;

/**
 * The settings of this checkout, with its data folder resolved as `up` creates it:
 * `POLYSHOP_DATA_DIR`, else `.data`, or `.data-<POLYSHOP_INSTANCE>` for a second set of servers.
 */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): InfraSettings {
  const instance = env.POLYSHOP_INSTANCE?.trim() || undefined;
  if (instance !== undefined && !/^[a-z0-9-]+$/.test(instance)) {
    throw new InfraError(`POLYSHOP_INSTANCE=${JSON.stringify(instance)}: use [a-z0-9-] only`);
  }
  return resolveSettings(
    env.POLYSHOP_DATA_DIR
      ? env
      : { ...env, POLYSHOP_DATA_DIR: resolveDataDir(REPO_ROOT, instance) },
    REPO_ROOT,
  );
}

/** `infra <command> [store...]`; resolves with the process exit code. */
export async function main(argv: readonly string[], print: Print): Promise<number> {
  const settings = loadSettings();
  const all = createStores(settings);
  const args = parseArgs(
    argv,
    all.map((store) => store.name),
  );
  if (args.kind === 'help') {
    print(usage(all.map((store) => store.name)));
    return 0;
  }
  const { command, stores: names } = args;
  if (command !== 'status' && command !== 'pids' && process.getuid?.() !== 0) {
    throw new InfraError(
      `infra ${command} must run as root: it runs PostgreSQL through runuser and DocumentDB in a ` +
        'chroot with a bind mount.',
    );
  }
  switch (command) {
    case 'up':
      return withLock(settings.dataDir, print, () =>
        up(selectStores(all, names, true), settings, print),
      );
    case 'down':
      return withLock(settings.dataDir, print, () => down(selectStores(all, names, false), print));
    case 'reset':
      return withLock(settings.dataDir, print, () =>
        reset(selectStores(all, names, false), settings, names.length === 0, print),
      );
    case 'status':
      return status(selectStores(all, names, false), print);
    case 'pids':
      return pids(selectStores(all, names, false), print);
    case 'browser':
      fs.mkdirSync(settings.logsDir, { recursive: true });
      await ensureBinaries([CHROMIUM], settings.logsDir, (message) =>
        print(`[packages] ${message}`),
      );
      print(`browser: ${CHROMIUM.binary}`);
      return 0;
  }
}
