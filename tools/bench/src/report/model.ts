import type { LatencySummary } from '../stats/percentiles';

export type SystemName = 'S' | 'M' | 'J';

/** One open-loop trial at a constant arrival rate. */
export interface OpenLoopResult {
  rate: number;
  sent: number;
  errors: number;
  completed: number;
  /** Sagas that ended other than CONFIRMED (the happy path should have none). */
  notConfirmed: number;
  /** Intended send time to the terminal state's timestamp in the store. */
  endToEnd: LatencySummary | null;
  /** Intended send time to the HTTP answer. */
  answer: LatencySummary | null;
  /** CPU seconds of all the system's processes and stores over the trial and its drain. */
  cpuSeconds: number;
  /** The same, per process tree (app, store server), by name. */
  cpuByProcess: Record<string, number>;
  sustained: boolean;
  why: string;
}

/** What a system's processes and stores use with no load at all: the cost of being up. */
export interface RestingCpu {
  seconds: number;
  /** CPU seconds per second of each process tree (app, store server), by name. */
  perSecond: Record<string, number>;
}

/** One closed-loop run: `concurrency` requests in flight, each sent when the previous answered. */
export interface ClosedLoopResult {
  concurrency: number;
  /** Sagas completed per second of the run. */
  throughput: number;
  endToEnd: LatencySummary | null;
}

export interface SystemResult {
  system: SystemName;
  label: string;
  /** Measured before any trial, after the warm-up. */
  atRest: RestingCpu | null;
  search: OpenLoopResult[];
  maxRate: number;
  /** At 10 %, 50 % and 70 % of `maxRate`. */
  levels: Array<{ fraction: number; result: OpenLoopResult }>;
  sweep: ClosedLoopResult[];
  /** CPU seconds (its processes and stores) per completed saga, at the highest level. */
  cpuPerSaga: number | null;
}

/** A store's or the broker's durability-relevant settings, as the server reports them. */
export interface DurabilitySettings {
  store: string;
  settings: Record<string, string>;
}

/** What S uses of one resource per saga, and how much of it this machine sustains. */
export interface ResourceUse {
  resource: string;
  unit: string;
  perSaga: number;
  ceilingPerSecond: number;
}

export interface BenchReport {
  profile: string;
  startedAt: string;
  durationSeconds: number;
  machine: { cpus: number; model: string; memoryGiB: number; kernel: string; node: string };
  fsync: { count: number; meanMs: number; p50Ms: number; p99Ms: number };
  durability: DurabilitySettings[];
  systems: SystemResult[];
  resources: ResourceUse[];
  notes: string[];
}
