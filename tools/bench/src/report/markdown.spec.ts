import { FIGURES_END, FIGURES_START, renderFigures, spliceFigures } from './markdown';
import type { BenchReport, OpenLoopResult, SystemResult } from './model';

const trial = (rate: number, p99: number): OpenLoopResult => ({
  rate,
  sent: rate * 2,
  errors: 0,
  completed: rate * 2,
  notConfirmed: 0,
  endToEnd: { count: rate * 2, p50: p99 / 4, p90: p99 / 2, p99, max: p99 * 2 },
  answer: { count: rate * 2, p50: 1, p90: 2, p99: 3, max: 4 },
  cpuSeconds: 1,
  cpuByProcess: { 'order-service': rate * 0.006, mariadb: rate * 0.002 },
  sustained: p99 <= 100,
  why: p99 <= 100 ? 'sustained' : `p99 ${p99} ms`,
});

const system = (name: SystemResult['system'], maxRate: number): SystemResult => ({
  system: name,
  label: `system ${name}`,
  atRest:
    name === 'J' ? null : { seconds: 10, perSecond: { 'order-service': 0.004, mariadb: 0.0125 } },
  search: [trial(maxRate, 50), trial(maxRate * 2, 300)],
  maxRate,
  levels: [0.1, 0.5, 0.7].map((fraction) => ({ fraction, result: trial(maxRate * fraction, 20) })),
  sweep: [{ concurrency: 1, throughput: 80, endToEnd: null }],
  cpuPerSaga: 0.004,
});

const report: BenchReport = {
  profile: 'smoke',
  startedAt: '2026-11-21T08:00:00.000Z',
  durationSeconds: 120,
  machine: { cpus: 2, model: 'Test CPU', memoryGiB: 23.5, kernel: '6.1', node: 'v20' },
  fsync: { count: 100, meanMs: 1.2, p50Ms: 1, p99Ms: 3 },
  durability: [
    { store: 'redis-inventory', settings: { appendonly: 'yes', appendfsync: 'everysec' } },
  ],
  systems: [system('S', 200), system('M', 800), system('J', 2_000)],
  resources: [
    { resource: 'MariaDB commits', unit: 'commits', perSaga: 5, ceilingPerSecond: 2_000 },
  ],
  notes: ['A smoke run on a loaded machine: not figures to quote.'],
};

describe('renderFigures', () => {
  const figures = renderFigures(report);

  it('gives the ratios of the max sustainable rates', () => {
    expect(figures).toContain('S/M = 0.25, S/J = 0.10');
  });

  it('bounds S by the scarcer of its resources and tells how close S came', () => {
    // MariaDB: 2,000 / 5 = 400 sagas/s; CPU: 2 / 0.004 = 500 sagas/s.
    expect(figures).toContain(
      'Bound: **400 sagas/s** (MariaDB commits); S reached 200, 50 % of it.',
    );
  });

  it('breaks the CPU per saga down by process at the highest level, the largest first', () => {
    // At 70 % of 200/s: 140 sagas/s, 280 completed; order-service 0.84 s, mariadb 0.28 s.
    expect(figures).toContain(
      'By process (ms per saga at 140/s): order-service 3.00, mariadb 1.00.',
    );
  });

  it('gives the CPU at rest by process, the largest first, and in the summary', () => {
    expect(figures).toContain(
      'At rest (no load for 10 s): 16.5 ms of CPU per second (mariadb 12.50, order-service 4.00).',
    );
    expect(figures).toMatch(/^\| S \(system S\) \| 200 \|.*\| 16\.5 \|$/m);
    // J was not measured at rest: a dash, not a zero.
    expect(figures).toMatch(/^\| J \(system J\) \|.*\| - \|$/m);
  });

  it('lists the durability settings, the notes and every system', () => {
    expect(figures).toContain('| redis-inventory | appendonly=yes, appendfsync=everysec |');
    expect(figures).toContain('> A smoke run on a loaded machine');
    expect(figures.match(/^### [SMJ]: /gm)).toEqual(['### S: ', '### M: ', '### J: ']);
  });
});

describe('spliceFigures', () => {
  const doc = `# Benchmarks\nusage\n${FIGURES_START}\nold figures\n${FIGURES_END}\ntail\n`;

  it('replaces only what lies between the markers', () => {
    expect(spliceFigures(doc, 'new figures')).toBe(
      `# Benchmarks\nusage\n${FIGURES_START}\n\nnew figures\n\n${FIGURES_END}\ntail\n`,
    );
  });

  it('refuses a document without the markers', () => {
    expect(() => spliceFigures('# Benchmarks\n', 'x')).toThrow(/no <!-- bench:figures:start -->/);
  });
});
