import { totalOf } from '../stats/cpu';
import type { LatencySummary } from '../stats/percentiles';
import { ratio, resourceBounds, resultOf } from './accounting';
import type { BenchReport, OpenLoopResult, SystemResult } from './model';

export const FIGURES_START = '<!-- bench:figures:start -->';
export const FIGURES_END = '<!-- bench:figures:end -->';

const ms = (value: number | undefined) => (value === undefined ? '-' : value.toFixed(1));
const count = (value: number) => Math.round(value).toLocaleString('en');
const fixed = (value: number | null, digits = 2) => (value === null ? '-' : value.toFixed(digits));

const table = (head: string[], rows: string[][]) =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');

const latencyCells = (summary: LatencySummary | null) =>
  [summary?.p50, summary?.p90, summary?.p99, summary?.max].map(ms);

const trialRow = (label: string, trial: OpenLoopResult) => [
  label,
  count(trial.rate),
  `${count(trial.completed)}/${count(trial.sent)}`,
  ...latencyCells(trial.endToEnd),
  ms(trial.answer?.p99),
  trial.why,
];

/** `name figure` of each process, the largest first; seconds shown as ms over `per`. */
const byProcess = (seconds: Readonly<Record<string, number>>, per: number) =>
  Object.entries(seconds)
    .sort(([, a], [, b]) => b - a)
    .map(([name, value]) => `${name} ${((value * 1000) / per).toFixed(2)}`)
    .join(', ');

/** CPU ms per completed saga of each process at the highest level, the largest first. */
function cpuBreakdown(system: SystemResult): string {
  const top = system.levels.at(-1)?.result;
  if (!top || top.completed === 0) return '';
  return ` By process (ms per saga at ${count(top.rate)}/s): ${byProcess(top.cpuByProcess, top.completed)}.`;
}

const restingMs = (system: SystemResult) =>
  system.atRest === null ? null : totalOf(system.atRest.perSecond) * 1000;

/** CPU ms per second with no load, in all and by process. */
function restingBreakdown(system: SystemResult): string {
  const { atRest } = system;
  if (atRest === null) return '';
  return (
    ` At rest (no load for ${count(atRest.seconds)} s): ${fixed(restingMs(system), 1)} ms ` +
    `of CPU per second (${byProcess(atRest.perSecond, 1)}).`
  );
}

function systemSection(system: SystemResult): string {
  const head = [
    'trial',
    'rate/s',
    'done/sent',
    'p50',
    'p90',
    'p99',
    'max',
    'answer p99',
    'verdict',
  ];
  const rows = [
    ...system.search.map((trial, n) => trialRow(`search ${n + 1}`, trial)),
    ...system.levels.map(({ fraction, result }) =>
      trialRow(`${Math.round(fraction * 100)} % of max`, result),
    ),
  ];
  const sweep = system.sweep.map((run) => [
    String(run.concurrency),
    count(run.throughput),
    ...latencyCells(run.endToEnd),
  ]);
  return [
    `### ${system.system}: ${system.label}`,
    '',
    `Max sustainable rate: **${count(system.maxRate)} sagas/s**; ` +
      `CPU per saga: ${fixed(system.cpuPerSaga === null ? null : system.cpuPerSaga * 1000)} ms.` +
      cpuBreakdown(system) +
      restingBreakdown(system),
    '',
    'Open loop (latency in ms from the intended send time to the terminal state in the store; ' +
      '"answer" to the HTTP answer):',
    '',
    table(head, rows),
    '',
    'Closed loop (sagas/s, latency in ms):',
    '',
    table(['in flight', 'sagas/s', 'p50', 'p90', 'p99', 'max'], sweep),
  ].join('\n');
}

/** The figures section of docs/benchmarks.md, from one run. */
export function renderFigures(report: BenchReport): string {
  const { machine, fsync, systems } = report;
  const s = resultOf(systems, 'S');
  const m = resultOf(systems, 'M');
  const j = resultOf(systems, 'J');
  const { rows, limit } = resourceBounds(report.resources, machine.cpus, s?.cpuPerSaga ?? null);
  const share = ratio(s?.maxRate, limit?.bound);
  const at = (system: SystemResult | undefined, fraction: number) =>
    system?.levels.find((level) => level.fraction === fraction)?.result.endToEnd?.p99;
  return [
    `Run: **${report.profile}** profile, started ${report.startedAt}, ` +
      `${Math.round(report.durationSeconds)} s.`,
    '',
    ...report.notes.flatMap((note) => [`> ${note}`, '']),
    '### Machine',
    '',
    `${machine.cpus} CPUs (${machine.model}), ${machine.memoryGiB.toFixed(1)} GiB memory, ` +
      `Linux ${machine.kernel}, Node ${machine.node}. ` +
      `fsync (4 KiB write + fdatasync on the data disk, ${fsync.count} times): ` +
      `mean ${fsync.meanMs.toFixed(2)} ms, p50 ${fsync.p50Ms.toFixed(2)} ms, p99 ${fsync.p99Ms.toFixed(2)} ms.`,
    '',
    '### Durability settings',
    '',
    table(
      ['store', 'settings'],
      report.durability.map(({ store, settings }) => [
        store,
        Object.entries(settings)
          .map(([key, value]) => `${key}=${value}`)
          .join(', '),
      ]),
    ),
    '',
    '### Summary',
    '',
    table(
      [
        'system',
        'max sagas/s',
        'p99 at 10 %',
        'p99 at 50 %',
        'p99 at 70 %',
        'CPU ms/saga',
        'CPU at rest ms/s',
      ],
      systems.map((system) => [
        `${system.system} (${system.label})`,
        count(system.maxRate),
        ms(at(system, 0.1)),
        ms(at(system, 0.5)),
        ms(at(system, 0.7)),
        fixed(system.cpuPerSaga === null ? null : system.cpuPerSaga * 1000),
        fixed(restingMs(system), 1),
      ]),
    ),
    '',
    `S/M = ${fixed(ratio(s?.maxRate, m?.maxRate))}, S/J = ${fixed(ratio(s?.maxRate, j?.maxRate))} ` +
      '(max sustainable rates).',
    '',
    '### Resource-accounting limit of S',
    '',
    table(
      ['resource', 'per saga', 'ceiling here /s', 'sagas/s it allows'],
      rows.map((row) => [
        row.resource,
        `${fixed(row.perSaga)} ${row.unit}`,
        count(row.ceilingPerSecond),
        count(row.bound),
      ]),
    ),
    '',
    limit === null
      ? 'No bound: nothing was measured.'
      : `Bound: **${count(limit.bound)} sagas/s** (${limit.resource}); S reached ` +
        `${count(s?.maxRate ?? 0)}, ${fixed(share === null ? null : share * 100, 0)} % of it.`,
    '',
    ...systems.map((system) => `${systemSection(system)}\n`),
  ].join('\n');
}

/** `doc` with its figures section (between the markers) replaced by `figures`. */
export function spliceFigures(doc: string, figures: string): string {
  const start = doc.indexOf(FIGURES_START);
  const end = doc.indexOf(FIGURES_END);
  if (start === -1 || end < start) {
    throw new Error(`the document has no ${FIGURES_START} ... ${FIGURES_END} section`);
  }
  return `${doc.slice(0, start + FIGURES_START.length)}\n\n${figures.trim()}\n\n${doc.slice(end)}`;
}
