import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

/** The CPU fields of `/proc/<pid>/stat`, in clock ticks. */
export interface ProcessTimes {
  pid: number;
  ppid: number;
  /** utime + stime: the process's own CPU time (all its threads). */
  own: number;
  /** cutime + cstime: CPU time of its children that exited and were waited for. */
  reaped: number;
}

/** Parses one `/proc/<pid>/stat` line (the command may hold spaces and parentheses). */
export function parseStat(line: string): ProcessTimes {
  const fields = line.slice(line.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state) of proc(5): ppid is field 4, utime..cstime fields 14-17.
  const field = (n: number) => Number(fields[n - 3]);
  return {
    pid: Number(line.slice(0, line.indexOf(' '))),
    ppid: field(4),
    own: field(14) + field(15),
    reaped: field(16) + field(17),
  };
}

/**
 * CPU ticks of the process trees rooted at `roots`: every live descendant's own time plus the
 * time of descendants already gone (a PostgreSQL backend that ended counts in its postmaster's
 * `reaped`). A root listed twice, or inside another root's tree, counts once.
 */
export function treeTicks(processes: readonly ProcessTimes[], roots: readonly number[]): number {
  const children = new Map<number, ProcessTimes[]>();
  for (const process of processes) {
    children.set(process.ppid, [...(children.get(process.ppid) ?? []), process]);
  }
  const byPid = new Map(processes.map((process) => [process.pid, process]));
  const seen = new Set<number>();
  let ticks = 0;
  const visit = (process: ProcessTimes) => {
    if (seen.has(process.pid)) return;
    seen.add(process.pid);
    ticks += process.own + process.reaped;
    for (const child of children.get(process.pid) ?? []) visit(child);
  };
  for (const root of roots) {
    const process = byPid.get(root);
    if (process) visit(process);
  }
  return ticks;
}

/** Every process's times now (those that end while being read are skipped). */
function readAll(): ProcessTimes[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        return [parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8'))];
      } catch {
        return [];
      }
    });
}

/** The sum of a by-process figure over every process. */
export const totalOf = (byProcess: Readonly<Record<string, number>>): number =>
  Object.values(byProcess).reduce((sum, value) => sum + value, 0);

let ticksPerSecond: number | undefined;

/**
 * CPU seconds used so far by each named process tree (an app, a store's server with its
 * backends), read in one pass over `/proc`.
 */
function cpuSecondsByRoot(roots: Readonly<Record<string, number>>): Record<string, number> {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  const processes = readAll();
  const seconds: Record<string, number> = {};
  for (const [name, pid] of Object.entries(roots)) {
    seconds[name] = treeTicks(processes, [pid]) / ticksPerSecond;
  }
  return seconds;
}

/**
 * Starts counting the CPU of each named process tree; the function returned gives the CPU
 * seconds each has used since.
 */
export function cpuMeter(roots: Readonly<Record<string, number>>): () => Record<string, number> {
  const before = cpuSecondsByRoot(roots);
  return () => {
    const now = cpuSecondsByRoot(roots);
    return Object.fromEntries(Object.keys(roots).map((name) => [name, now[name] - before[name]]));
  };
}
