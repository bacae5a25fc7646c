import type { RateSearchOptions } from './load/rate-search';

/** How long and how hard a bench run goes. */
export interface Profile {
  name: 'smoke' | 'full';
  /** Shoppers registered (each an argon2 hash) and products created, shared by every system. */
  users: number;
  products: number;
  warmup: { rate: number; seconds: number };
  /** Seconds each system is left without load, after the warm-up, for its CPU at rest. */
  restSeconds: number;
  search: RateSearchOptions & { seconds: number };
  /** Seconds of each trial at 10 %, 50 % and 70 % of a system's max. */
  levelSeconds: number;
  sweep: { concurrency: number[]; seconds: number };
  /** Longest wait for a trial's sagas to end after its last request. */
  drainSeconds: number;
  ceilingSeconds: number;
  fsyncCount: number;
}

export const PROFILES: Record<Profile['name'], Profile> = {
  /** Proves the harness end to end in a few minutes; its figures mean nothing. */
  smoke: {
    name: 'smoke',
    users: 4,
    products: 4,
    warmup: { rate: 10, seconds: 1 },
    restSeconds: 1,
    search: { startRate: 20, growth: 2, resolution: 1.25, maxTrials: 2, seconds: 2 },
    levelSeconds: 2,
    sweep: { concurrency: [1, 4, 16, 64], seconds: 1 },
    drainSeconds: 20,
    ceilingSeconds: 0.5,
    fsyncCount: 200,
  },
  full: {
    name: 'full',
    users: 16,
    products: 16,
    warmup: { rate: 50, seconds: 10 },
    restSeconds: 20,
    search: { startRate: 50, growth: 2, resolution: 1.1, maxTrials: 12, seconds: 10 },
    levelSeconds: 30,
    sweep: { concurrency: [1, 4, 16, 64], seconds: 15 },
    drainSeconds: 60,
    ceilingSeconds: 5,
    fsyncCount: 5_000,
  },
};

export const LEVELS = [0.1, 0.5, 0.7] as const;
