import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InfraError } from './errors';
import { isAlive, readPid, sleep } from './processes';

const WAIT_MS = 15 * 60_000;

/**
 * One `infra` command at a time per data folder (parallel CI targets may all run `infra:up`):
 * the later one waits, then finds the stores running. A lock left by a dead process is taken over.
 */
export async function withLock<T>(
  dataDir: string,
  print: (line: string) => void,
  work: () => Promise<T>,
): Promise<T> {
  const id = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
  const file = path.join(os.tmpdir(), `polyshop-infra-${id}.lock`);
  const deadline = Date.now() + WAIT_MS;
  let announced = false;
  for (;;) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readPid(file);
    if (holder === undefined || !isAlive(holder)) {
      fs.rmSync(file, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new InfraError(`Another infra command (pid ${holder}) still holds ${file}.`);
    }
    if (!announced) print(`waiting for another infra command (pid ${holder}) to finish`);
    announced = true;
    await sleep(250);
  }
  try {
    return await work();
  } finally {
    fs.rmSync(file, { force: true });
  }
}
