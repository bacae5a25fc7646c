import { closeSync, fdatasyncSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { nearestRank } from '../stats/percentiles';

/**
 * fsync latency of the disk the stores write to: `count` times a 4 KiB write at the start of a
 * file in `dir` and `fdatasync`, as a commit's WAL flush does.
 */
export function measureFsync(dir: string, count: number) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'bench-fsync.tmp');
  const block = Buffer.alloc(4096, 7);
  const fd = openSync(file, 'w');
  const times: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      writeSync(fd, block, 0, block.length, 0);
      fdatasyncSync(fd);
      times.push(performance.now() - started);
    }
  } finally {
    closeSync(fd);
    rmSync(file, { force: true });
  }
  const sorted = Float64Array.from(times).sort();
  return {
    count,
    meanMs: times.reduce((sum, time) => sum + time, 0) / count,
    p50Ms: nearestRank(sorted, 0.5),
    p99Ms: nearestRank(sorted, 0.99),
  };
}
