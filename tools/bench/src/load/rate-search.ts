/** How the search for a system's highest sustainable arrival rate proceeds. */
export interface RateSearchOptions {
  /** First rate tried (sagas/s). */
  startRate: number;
  /** Factor between rates while every one so far was sustained. */
  growth: number;
  /** Stop once the highest sustained and lowest failed rates are within this ratio (e.g. 1.1). */
  resolution: number;
  /** Most trials in all. */
  maxTrials: number;
}

/**
 * Grows the rate by `growth` until a trial fails, then bisects between the highest rate
 * sustained and the lowest one that failed. Pure: the caller runs each trial and records it.
 */
export class RateSearch {
  private sustained = 0;
  private failed = Number.POSITIVE_INFINITY;
  private trials = 0;

  constructor(private readonly options: RateSearchOptions) {}

  /** The highest rate sustained so far (0: none yet). */
  get max(): number {
    return this.sustained;
  }

  /** The next rate to try, or null when the search is over. */
  next(): number | null {
    const { startRate, growth, resolution, maxTrials } = this.options;
    if (this.trials >= maxTrials) return null;
    if (this.failed === Number.POSITIVE_INFINITY) {
      return this.sustained === 0 ? startRate : Math.round(this.sustained * growth);
    }
    const low = Math.max(this.sustained, 1);
    if (this.failed / low <= resolution || this.failed - this.sustained <= 1) return null;
    return Math.round((this.sustained + this.failed) / 2);
  }

  record(rate: number, sustained: boolean): void {
    this.trials++;
    if (sustained) this.sustained = Math.max(this.sustained, rate);
    else this.failed = Math.min(this.failed, rate);
  }
}

/** What one open-loop trial showed, for judging it. */
export interface TrialFigures {
  rate: number;
  sent: number;
  /** Answers other than the system's acceptance (4xx, 5xx, no answer). */
  errors: number;
  /** Sagas that reached a terminal state before the drain deadline. */
  completed: number;
  /** Sagas still not terminal when the last one was due to be sent. */
  backlogAtEnd: number;
  p99Ms: number | null;
}

/** The limits a sustained rate keeps: the p99 and no backlog building up. */
export const SUSTAINED = { p99Ms: 100, backlogSeconds: 0.1 } as const;

/**
 * Sustained: every request accepted and every saga terminal, p99 within the limit, and no more
 * sagas pending at the end than `backlogSeconds` of arrivals (what a p99 at the limit leaves):
 * a queue that grows during the trial shows there even when the trial is too short for p99.
 */
export function judgeTrial(figures: TrialFigures): { sustained: boolean; why: string } {
  const problems: string[] = [];
  if (figures.errors > 0) problems.push(`${figures.errors} requests refused`);
  if (figures.completed < figures.sent) {
    problems.push(`${figures.sent - figures.completed} of ${figures.sent} sagas unfinished`);
  }
  if (figures.p99Ms === null || figures.p99Ms > SUSTAINED.p99Ms) {
    problems.push(`p99 ${figures.p99Ms === null ? '-' : figures.p99Ms.toFixed(1)} ms`);
  }
  const allowed = Math.max(1, figures.rate * SUSTAINED.backlogSeconds);
  if (figures.backlogAtEnd > allowed) problems.push(`backlog ${figures.backlogAtEnd} at the end`);
  return problems.length === 0
    ? { sustained: true, why: 'sustained' }
    : { sustained: false, why: problems.join(', ') };
}
