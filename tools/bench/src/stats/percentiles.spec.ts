import { nearestRank, summarize } from './percentiles';

describe('summarize', () => {
  it('gives the nearest-rank percentiles of 1..100 whatever their order', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);

    expect(summarize(values)).toEqual({ count: 100, p50: 50, p90: 90, p99: 99, max: 100 });
  });

  it('lets one slow value of a hundred show at p99 only when it is beyond the 99th rank', () => {
    const values = [...Array.from({ length: 99 }, () => 1), 500];

    expect(summarize(values)).toMatchObject({ p99: 1, max: 500 });
    expect(summarize([...values, 500])).toMatchObject({ p99: 500 });
  });

  it('has no figures without values', () => {
    expect(summarize([])).toBeNull();
    expect(() => nearestRank([], 0.5)).toThrow('no values');
  });
});
