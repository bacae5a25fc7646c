import fs from 'node:fs';
import path from 'node:path';
import { errorMessage, InfraError } from './errors';
import { run } from './runner';
import { SYSTEM } from './system-binaries';

export interface BinaryRequirement {
  readonly binary: string;
  readonly debianPackage: string;
}

const APT_UPDATE_TIMEOUT_MS = 5 * 60_000;
const APT_INSTALL_TIMEOUT_MS = 15 * 60_000;

const isExecutable = (file: string) => {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

export function missingBinaries(required: readonly BinaryRequirement[]): BinaryRequirement[] {
  return required.filter((requirement) => !isExecutable(requirement.binary));
}

/**
 * Reuses what is installed; installs the Debian packages of missing binaries otherwise
 * (`apt-get update` once, then one non-interactive `apt-get install`).
 */
export async function ensureBinaries(
  required: readonly BinaryRequirement[],
  logsDir: string,
  log: (message: string) => void,
): Promise<void> {
  const missing = missingBinaries(required);
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map((requirement) => requirement.debianPackage))];
  const what = missing.map((requirement) => requirement.binary).join(', ');
  if (!isExecutable(SYSTEM.aptGet)) {
    throw new InfraError(`Missing ${what}; install the Debian packages ${packages.join(' ')}.`);
  }
  const logFile = path.join(logsDir, 'apt.log');
  log(`missing ${what}: installing ${packages.join(' ')} (log: ${logFile})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const wait = ['-o', 'DPkg::Lock::Timeout=120'];
  // A stale or unreachable extra source fails `update` while the Debian indexes are fine.
  const updated = await run(SYSTEM.aptGet, [...wait, 'update'], {
    timeoutMs: APT_UPDATE_TIMEOUT_MS,
    env,
    logFile,
  }).then(
    () => '',
    (error: unknown) => `\n(apt-get update failed too: ${errorMessage(error).split('\n')[0]})`,
  );
  const install = [...wait, 'install', '-y', '--no-install-recommends', ...packages];
  try {
    await run(SYSTEM.aptGet, install, { timeoutMs: APT_INSTALL_TIMEOUT_MS, env, logFile });
  } catch (error) {
    throw new InfraError(
      `Missing ${what}, and the Debian packages ${packages.join(' ')} could not be installed: ` +
        `${errorMessage(error)}${updated}`,
    );
  }
  const stillMissing = missingBinaries(missing);
  if (stillMissing.length > 0) {
    throw new InfraError(
      `Installed ${packages.join(' ')} but still missing ${stillMissing
        .map((requirement) => requirement.binary)
        .join(', ')} (log: ${logFile})`,
    );
  }
}
