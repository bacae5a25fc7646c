import { RateSearch, judgeTrial, type TrialFigures } from './rate-search';

const OPTIONS = { startRate: 100, growth: 2, resolution: 1.1, maxTrials: 20 };

/** Runs a search against a system that sustains any rate up to `capacity`. */
function searchAgainst(capacity: number, options = OPTIONS): { max: number; tried: number[] } {
  const search = new RateSearch(options);
  const tried: number[] = [];
  for (let rate = search.next(); rate !== null; rate = search.next()) {
    tried.push(rate);
    search.record(rate, rate <= capacity);
  }
  return { max: search.max, tried };
}

describe('RateSearch', () => {
  it('doubles until a rate fails, then bisects to within the resolution', () => {
    const { max, tried } = searchAgainst(730);

    expect(tried.slice(0, 5)).toEqual([100, 200, 400, 800, 600]);
    expect(max).toBeLessThanOrEqual(730);
    expect(730 / max).toBeLessThan(1.1);
  });

  it('searches downwards when even the first rate fails', () => {
    const { max, tried } = searchAgainst(30);

    expect(tried[0]).toBe(100);
    expect(max).toBeGreaterThan(0);
    expect(max).toBeLessThanOrEqual(30);
  });

  it('stops after the trial budget, with the best rate sustained so far', () => {
    const { max, tried } = searchAgainst(10_000, { ...OPTIONS, maxTrials: 3 });

    expect(tried).toEqual([100, 200, 400]);
    expect(max).toBe(400);
  });
});

describe('judgeTrial', () => {
  const good: TrialFigures = {
    rate: 200,
    sent: 400,
    errors: 0,
    completed: 400,
    backlogAtEnd: 3,
    p99Ms: 40,
  };

  it('calls a trial within every limit sustained', () => {
    expect(judgeTrial(good)).toEqual({ sustained: true, why: 'sustained' });
  });

  it.each<[string, Partial<TrialFigures>, RegExp]>([
    ['p99 over 100 ms', { p99Ms: 140 }, /p99 140\.0 ms/],
    ['refused requests', { errors: 2 }, /2 requests refused/],
    ['unfinished sagas', { completed: 390 }, /10 of 400 sagas unfinished/],
    ['a growing backlog', { backlogAtEnd: 50 }, /backlog 50/],
  ])('fails a trial with %s', (_, change, why) => {
    const verdict = judgeTrial({ ...good, ...change });

    expect(verdict.sustained).toBe(false);
    expect(verdict.why).toMatch(why);
  });
});
