import {
  TERMINAL,
  acceptedOrders,
  oversoldUnits,
  stateViolations,
  type DeadLetterRecord,
  type Rule,
  type Snapshot,
} from '../support/invariants';
import type { LoadStats, Recovery } from './load';
import type { FaultKind, RunPlan } from './plan';

export interface FaultRecord {
  kind: FaultKind;
  atMs: number;
  description: string;
  note: string;
  recovery: Recovery;
}

/** Lines of the run's app logs that prove the faults bit. */
export interface LogCounts {
  redeliveries: number;
  inboxDuplicates: number;
  crashPointsReached: number;
}

/**
 * Adds what a chunk of app log proves to `counts`. The apps log one JSON object per line (the
 * text in `msg`); the crash points write plain text to stderr before the process dies.
 */
export function tallyLogLines(text: string, counts: LogCounts): void {
  for (const line of text.split('\n')) {
    const message = logMessage(line);
    if (message.includes(' redelivered to ')) counts.redeliveries++;
    if (message.includes('duplicate ignored: ')) counts.inboxDuplicates++;
    if (message.includes('POLYSHOP_CRASH_POINT: crashing at')) counts.crashPointsReached++;
  }
}

/** The `msg` of a JSON log line; any other line as it is. */
function logMessage(line: string): string {
  if (!line.startsWith('{')) return line;
  try {
    const { msg } = JSON.parse(line) as { msg?: unknown };
    return typeof msg === 'string' ? msg : '';
  } catch {
    return line;
  }
}

export interface DeadLetterAccount {
  total: number;
  /** Dead letters of the run's own poison, as it must be: once per consumer (or more, replayed). */
  poison: number;
  poisonExpected: number;
  /** Each of the run's poison messages that a consumer of its subject did not dead-letter. */
  poisonMissing: string[];
  /** Earlier runs' poison, dead-lettered again because a stream replay delivered it again. */
  earlierPoison: number;
  /** Dead-lettered by an outage (retries exhausted), replayed once the faults ended. */
  replayed: string[];
  /** Neither: each one is a violation. */
  unaccounted: DeadLetterRecord[];
}

export interface RunReport {
  seed: number;
  profile: string;
  faults: FaultRecord[];
  load: { accepted: number; refused: Record<string, number>; cancelRequests: number };
  orders: {
    accepted: number;
    stored: number;
    terminal: number;
    byStatus: Record<string, number>;
    stuck: number;
    lost: number;
  };
  doubleCharges: number;
  oversoldUnits: number;
  moneyMismatches: number;
  reservationsHeldByTerminalOrders: number;
  outboxLeftBehind: number;
  deadLetters: Omit<DeadLetterAccount, 'unaccounted'> & { unaccounted: number };
  duplicatesInjected: number;
  logs: LogCounts;
  drainMs: number;
  /** The whole run: setup, load and faults, drain and checks. */
  durationMs: number;
  violations: string[];
}

const countOf = (rules: Rule[], rule: Rule) => rules.filter((r) => r === rule).length;

/** One run's figures, from the final snapshot of the stores and what the runner saw. */
export function buildReport(input: {
  plan: RunPlan;
  faults: FaultRecord[];
  stats: LoadStats;
  snapshot: Snapshot;
  deadLetters: DeadLetterAccount;
  duplicatesInjected: number;
  logs: LogCounts;
  drainMs: number;
  durationMs: number;
  runnerProblems: string[];
}): RunReport {
  const { plan, snapshot, deadLetters } = input;
  const violations = stateViolations(snapshot);
  const rules = violations.map((v) => v.rule);
  const byStatus: Record<string, number> = {};
  for (const order of snapshot.orders.values()) {
    byStatus[order.status] = (byStatus[order.status] ?? 0) + 1;
  }
  const terminal = [...snapshot.orders.values()].filter((o) => TERMINAL.has(o.status)).length;
  const deadLetterProblems = [
    ...deadLetters.poisonMissing,
    ...deadLetters.unaccounted.map(
      (letter) =>
        `dead letter ${letter.subject} (seq ${letter.seq}) not accounted for: ${letter.reason} ${letter.detail}`,
    ),
  ];
  return {
    seed: plan.seed,
    profile: plan.profile,
    faults: input.faults,
    load: {
      accepted: input.stats.accepted,
      refused: Object.fromEntries(input.stats.refused),
      cancelRequests: input.stats.cancelRequests,
    },
    orders: {
      accepted: acceptedOrders().size,
      stored: snapshot.orders.size,
      terminal,
      byStatus,
      stuck: countOf(rules, 'stuck order'),
      lost: countOf(rules, 'lost order'),
    },
    doubleCharges: countOf(rules, 'double charge'),
    oversoldUnits: [...snapshot.stock.values()].reduce((sum, hash) => sum + oversoldUnits(hash), 0),
    moneyMismatches: countOf(rules, 'money mismatch'),
    reservationsHeldByTerminalOrders: countOf(rules, 'held by terminal order'),
    outboxLeftBehind: countOf(rules, 'outbox left behind'),
    deadLetters: { ...deadLetters, unaccounted: deadLetters.unaccounted.length },
    duplicatesInjected: input.duplicatesInjected,
    logs: input.logs,
    drainMs: input.drainMs,
    durationMs: input.durationMs,
    violations: [
      ...violations.map((v) => v.message),
      ...deadLetterProblems,
      ...input.runnerProblems,
    ],
  };
}

/** The run as a few readable lines. */
export function formatReport(report: RunReport): string {
  const { orders, deadLetters: dl, logs } = report;
  const statuses = Object.entries(orders.byStatus)
    .map(([status, n]) => `${status} ${n}`)
    .join(', ');
  const refused = Object.entries(report.load.refused)
    .map(([cause, n]) => `${cause} ${n}`)
    .join(', ');
  return [
    `run seed ${report.seed} (${report.profile}): ${report.violations.length === 0 ? 'OK' : `${report.violations.length} VIOLATION(S)`} in ${(report.durationMs / 1000).toFixed(0)} s`,
    ...report.faults.map(
      (f) =>
        `  fault at ${(f.atMs / 1000).toFixed(1)} s: ${f.description}: ${f.note}; recovered in ${f.recovery.ms} ms (canary ${f.recovery.status})`,
    ),
    `  load: ${report.load.accepted} accepted, refused: ${refused || 'none'}, ${report.load.cancelRequests} cancel requests`,
    `  orders: ${orders.accepted} accepted, ${orders.stored} stored, ${orders.terminal} terminal (${statuses}), stuck ${orders.stuck}, lost ${orders.lost}`,
    `  double charges ${report.doubleCharges}, oversold units ${report.oversoldUnits}, money mismatches ${report.moneyMismatches}, reservations held by terminal orders ${report.reservationsHeldByTerminalOrders}, outbox rows left ${report.outboxLeftBehind}`,
    `  dead letters ${dl.total}: poison ${dl.poison}/${dl.poisonExpected} expected, earlier runs' poison replayed ${dl.earlierPoison}, replayed after outage ${dl.replayed.length}, unaccounted ${dl.unaccounted}`,
    ...dl.replayed.map((letter) => `    replayed ${letter}`),
    `  proof the faults bit: ${logs.redeliveries} redeliveries, ${logs.inboxDuplicates} inbox duplicates ignored, ${logs.crashPointsReached} crash points reached, ${report.duplicatesInjected} duplicate messages injected`,
    `  drained in ${report.drainMs} ms`,
    ...report.violations.map((v) => `  VIOLATION ${v}`),
  ].join('\n');
}

/** One fault kind over an invocation: how often it ran and how long the platform took to recover. */
export interface FaultKindSummary {
  kind: string;
  injected: number;
  recoveryMs: { median: number; max: number };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
};

/** The figures of a whole invocation, and per fault kind. */
export function summarize(reports: readonly RunReport[]) {
  const byKind = new Map<string, number[]>();
  for (const { kind, recovery } of reports.flatMap((r) => r.faults)) {
    byKind.set(kind, [...(byKind.get(kind) ?? []), recovery.ms]);
  }
  const kinds: FaultKindSummary[] = [...byKind]
    .map(([kind, recoveries]) => ({
      kind,
      injected: recoveries.length,
      recoveryMs: { median: median(recoveries), max: Math.max(...recoveries) },
    }))
    .sort((a, b) => a.kind.localeCompare(b.kind));
  const total = (pick: (r: RunReport) => number) => reports.reduce((n, r) => n + pick(r), 0);
  return {
    runs: reports.length,
    faults: total((r) => r.faults.length),
    violations: total((r) => r.violations.length),
    ordersAccepted: total((r) => r.orders.accepted),
    ordersTerminal: total((r) => r.orders.terminal),
    redeliveries: total((r) => r.logs.redeliveries),
    inboxDuplicates: total((r) => r.logs.inboxDuplicates),
    crashPointsReached: total((r) => r.logs.crashPointsReached),
    deadLetters: total((r) => r.deadLetters.total),
    kinds,
  };
}

/** The invocation's summary as a few lines. */
export function formatSummary(summary: ReturnType<typeof summarize>): string {
  return [
    `summary: ${summary.runs} runs, ${summary.faults} faults, ${summary.violations} violations; ` +
      `${summary.ordersAccepted} orders accepted, ${summary.ordersTerminal} terminal; ` +
      `${summary.redeliveries} redeliveries, ${summary.inboxDuplicates} inbox duplicates, ` +
      `${summary.crashPointsReached} crash points reached, ${summary.deadLetters} dead letters`,
    ...summary.kinds.map(
      (k) =>
        `  ${k.kind}: ${k.injected} injected, recovery median ${k.recoveryMs.median} ms, max ${k.recoveryMs.max} ms`,
    ),
  ].join('\n');
}
