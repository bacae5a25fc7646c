import { setTimeout as delay } from 'node:timers/promises';
import { epochMs } from './load/clock';
import { runClosedLoop, runOpenLoop, type RequestRecord } from './load/open-loop';
import { judgeTrial } from './load/rate-search';
import type { ClosedLoopResult, OpenLoopResult, RestingCpu } from './report/model';
import { cpuMeter, totalOf } from './stats/cpu';
import { summarize } from './stats/percentiles';
import type { BenchSystem, Terminal } from './systems/system';

/** Polls the system until every accepted order is terminal, or the deadline passes. */
async function drain(
  system: BenchSystem,
  records: readonly RequestRecord[],
  drainSeconds: number,
): Promise<Map<string, Terminal>> {
  const ids = records.flatMap((record) => (record.orderId === undefined ? [] : [record.orderId]));
  const done = new Map<string, Terminal>();
  const deadline = Date.now() + drainSeconds * 1_000;
  for (;;) {
    const missing = ids.filter((id) => !done.has(id));
    for (const [id, terminal] of await system.terminals(missing)) done.set(id, terminal);
    if (done.size === ids.length || Date.now() > deadline) return done;
    await delay(100);
  }
}

function endToEnd(records: readonly RequestRecord[], done: Map<string, Terminal>): number[] {
  return records.flatMap((record) => {
    const terminal = record.orderId === undefined ? undefined : done.get(record.orderId);
    // A store's clock has milliseconds: never below zero from rounding.
    return terminal === undefined ? [] : [Math.max(0, terminal.at - record.intendedAt)];
  });
}

/**
 * The CPU of the system's processes and stores over `seconds` without any load: its pollers,
 * timers and heartbeats. At a low rate, this share of the CPU per saga is large.
 */
export async function restingCpu(system: BenchSystem, seconds: number): Promise<RestingCpu> {
  const used = cpuMeter(await system.pids());
  await delay(seconds * 1_000);
  const perSecond = Object.fromEntries(
    Object.entries(used()).map(([name, cpuSeconds]) => [name, cpuSeconds / seconds]),
  );
  return { seconds, perSecond };
}

/** One open-loop trial of `system` at `rate` for `seconds`, with its CPU and its verdict. */
export async function openLoopTrial(
  system: BenchSystem,
  rate: number,
  seconds: number,
  drainSeconds: number,
): Promise<OpenLoopResult> {
  const cpuUsed = cpuMeter(await system.pids());
  const records = await runOpenLoop(rate, seconds, (n) => system.place(n));
  const done = await drain(system, records, drainSeconds);
  const cpuByProcess = cpuUsed();
  const lastDue = Math.max(...records.map((record) => record.intendedAt));
  const figures = {
    rate,
    sent: records.length,
    errors: records.filter((record) => record.orderId === undefined).length,
    completed: done.size,
    backlogAtEnd: records.filter((record) => {
      const terminal = record.orderId === undefined ? undefined : done.get(record.orderId);
      return terminal === undefined || terminal.at > lastDue;
    }).length,
    p99Ms: summarize(endToEnd(records, done))?.p99 ?? null,
  };
  const verdict = judgeTrial(figures);
  const refused = records.filter((record) => record.orderId === undefined);
  if (refused.length > 0) {
    // Which answers: 0 is no answer at all (timeout, connection refused).
    const statuses = [...new Set(refused.map((record) => record.status))].join(', ');
    verdict.why += ` (answers: ${statuses})`;
  }
  return {
    rate,
    sent: figures.sent,
    errors: figures.errors,
    completed: figures.completed,
    notConfirmed: [...done.values()].filter((terminal) => terminal.status !== 'CONFIRMED').length,
    endToEnd: summarize(endToEnd(records, done)),
    answer: summarize(records.map((record) => record.answeredAt - record.intendedAt)),
    cpuSeconds: totalOf(cpuByProcess),
    cpuByProcess,
    ...verdict,
  };
}

/** `concurrency` orders in flight for `seconds`: sagas completed per second and their latency. */
export async function closedLoopTrial(
  system: BenchSystem,
  concurrency: number,
  seconds: number,
  drainSeconds: number,
): Promise<ClosedLoopResult> {
  const started = epochMs();
  const records = await runClosedLoop(concurrency, seconds, (n) => system.place(n));
  const done = await drain(system, records, drainSeconds);
  const lastEnd = Math.max(started, ...[...done.values()].map((terminal) => terminal.at));
  return {
    concurrency,
    throughput: done.size / ((lastEnd - started) / 1_000),
    endToEnd: summarize(endToEnd(records, done)),
  };
}
