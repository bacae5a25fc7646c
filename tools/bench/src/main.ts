/**
 * `npm run bench -- --profile smoke|full`: S (Polyshop), M (monolith) and J (raw JetStream)
 * measured interleaved on this machine; prints the figures and writes them into
 * docs/benchmarks.md. See docs/benchmarks.md for what is measured and how.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LOCAL_INFRA, LOCAL_URLS } from '@polyshop/config';
import { RateSearch } from './load/rate-search';
import {
  jetstreamPublishCeiling,
  mariadbCommitCeiling,
  pgCommitCeiling,
  redisEvalCeiling,
} from './machine/ceilings';
import { counterDelta, readCounters, sumCounters, type StoreCounters } from './machine/counters';
import { measureFsync } from './machine/fsync';
import { readDurability } from './machine/stores';
import { LEVELS, PROFILES, type Profile } from './profiles';
import { renderFigures, spliceFigures } from './report/markdown';
import type { BenchReport, OpenLoopResult, ResourceUse, SystemResult } from './report/model';
import { totalOf } from './stats/cpu';
import { J_NATS, JetStreamSystem } from './systems/jetstream';
import { MonolithSystem } from './systems/monolith';
import { PolyshopSystem } from './systems/polyshop';
import { ROOT } from './systems/processes';
import type { BenchSystem } from './systems/system';
import { closedLoopTrial, openLoopTrial, restingCpu } from './trial';

const DOC = join(ROOT, 'docs', 'benchmarks.md');

function readProfile(): Profile {
  const { values } = parseArgs({ options: { profile: { type: 'string', default: 'smoke' } } });
  const profile = PROFILES[values.profile as Profile['name']];
  if (!profile) throw new Error(`--profile must be one of ${Object.keys(PROFILES).join(', ')}`);
  return profile;
}

const log = (line: string) => process.stdout.write(`${line}\n`);

const describe = (system: BenchSystem, trial: OpenLoopResult) =>
  `  ${system.name} ${String(trial.rate).padStart(5)}/s: ${trial.completed}/${trial.sent} done, ` +
  `p50 ${trial.endToEnd?.p50.toFixed(1) ?? '-'} p99 ${trial.endToEnd?.p99.toFixed(1) ?? '-'} ms, ` +
  `cpu ${trial.cpuSeconds.toFixed(2)} s - ${trial.why}`;

/** S's store and broker counters over its own trials only (M and J run in between). */
class SagaAccounting {
  private total: StoreCounters | undefined;
  sagas = 0;

  async around<T extends { completed: number }>(run: () => Promise<T>): Promise<T> {
    const before = await readCounters();
    const result = await run();
    const delta = counterDelta(before, await readCounters());
    this.total = this.total === undefined ? delta : sumCounters(this.total, delta);
    this.sagas += result.completed;
    return result;
  }

  perSaga(): StoreCounters | undefined {
    if (this.total === undefined || this.sagas === 0) return undefined;
    const per = { ...this.total };
    for (const key of Object.keys(per) as Array<keyof StoreCounters>) per[key] /= this.sagas;
    return per;
  }
}

async function main(): Promise<void> {
  const profile = readProfile();
  const startedAt = new Date();
  log(`bench: ${profile.name} profile`);
  const s = new PolyshopSystem();
  const m = new MonolithSystem();
  const j = new JetStreamSystem();
  const systems: BenchSystem[] = [s, m, j];
  const accounting = new SagaAccounting();
  try {
    log('starting S (six apps) and seeding users and products through its API...');
    const fixtures = await s.start(profile.users, profile.products);
    log('starting M (bench-monolith) and J (JetStream pipeline on its own NATS)...');
    await Promise.all([m.start(fixtures), j.start(fixtures)]);

    const trial = (system: BenchSystem, rate: number, seconds: number) =>
      system === s
        ? accounting.around(() => openLoopTrial(system, rate, seconds, profile.drainSeconds))
        : openLoopTrial(system, rate, seconds, profile.drainSeconds);

    log('warm-up');
    for (const system of systems) {
      log(
        describe(
          system,
          await openLoopTrial(
            system,
            profile.warmup.rate,
            profile.warmup.seconds,
            profile.drainSeconds,
          ),
        ),
      );
    }

    const results = new Map<BenchSystem, SystemResult>(
      systems.map((system) => [
        system,
        {
          system: system.name,
          label: system.label,
          atRest: null,
          search: [],
          maxRate: 0,
          levels: [],
          sweep: [],
          cpuPerSaga: null,
        },
      ]),
    );
    log('at rest: no load');
    for (const system of systems) {
      const atRest = await restingCpu(system, profile.restSeconds);
      (results.get(system) as SystemResult).atRest = atRest;
      log(
        `  ${system.name}: ${(totalOf(atRest.perSecond) * 1000).toFixed(1)} ms of CPU per second`,
      );
    }

    log('max sustainable rate (interleaved search)');
    const searches = new Map(systems.map((system) => [system, new RateSearch(profile.search)]));
    for (let active = true; active;) {
      active = false;
      for (const system of systems) {
        const search = searches.get(system) as RateSearch;
        const rate = search.next();
        if (rate === null) continue;
        active = true;
        const result = await trial(system, rate, profile.search.seconds);
        search.record(rate, result.sustained);
        (results.get(system) as SystemResult).search.push(result);
        log(describe(system, result));
      }
    }
    for (const system of systems) {
      (results.get(system) as SystemResult).maxRate = (searches.get(system) as RateSearch).max;
    }

    log('latency at 10 %, 50 % and 70 % of each max');
    for (const fraction of LEVELS) {
      for (const system of systems) {
        const result = results.get(system) as SystemResult;
        // A system that sustained nothing is still measured, at the lowest rate tried.
        const base = result.maxRate || Math.min(...result.search.map((t) => t.rate));
        const rate = Math.max(1, Math.round(base * fraction));
        const level = await trial(system, rate, profile.levelSeconds);
        result.levels.push({ fraction, result: level });
        log(describe(system, level));
      }
    }
    for (const result of results.values()) {
      const top = result.levels.at(-1)?.result;
      result.cpuPerSaga = top && top.completed > 0 ? top.cpuSeconds / top.completed : null;
    }

    log('closed loop: orders in flight');
    for (const concurrency of profile.sweep.concurrency) {
      for (const system of systems) {
        const run = await closedLoopTrial(
          system,
          concurrency,
          profile.sweep.seconds,
          profile.drainSeconds,
        );
        (results.get(system) as SystemResult).sweep.push(run);
        log(
          `  ${system.name} ${concurrency} in flight: ${run.throughput.toFixed(0)} sagas/s, p99 ${run.endToEnd?.p99.toFixed(1) ?? '-'} ms`,
        );
      }
    }

    log('store ceilings, fsync, durability settings');
    const seconds = profile.ceilingSeconds;
    const perSaga = accounting.perSaga();
    const resources: ResourceUse[] = perSaga
      ? [
          {
            resource: 'MariaDB commits (order)',
            unit: 'commits',
            perSaga: perSaga.mariadbCommits,
            ceilingPerSecond: await mariadbCommitCeiling(seconds),
          },
          {
            resource: 'PostgreSQL commits (payment)',
            unit: 'commits',
            perSaga: perSaga.pgPaymentWrites,
            ceilingPerSecond: await pgCommitCeiling(LOCAL_URLS.paymentDb, seconds),
          },
          {
            resource: 'PostgreSQL commits (user)',
            unit: 'commits',
            perSaga: perSaga.pgUserWrites,
            ceilingPerSecond: await pgCommitCeiling(LOCAL_URLS.userDb, seconds),
          },
          {
            resource: 'Redis scripts (inventory)',
            unit: 'scripts',
            perSaga: perSaga.redisScripts,
            ceilingPerSecond: await redisEvalCeiling(seconds),
          },
          {
            resource: 'JetStream publishes',
            unit: 'messages',
            perSaga: perSaga.publishes,
            ceilingPerSecond: await jetstreamPublishCeiling(J_NATS.url, seconds),
          },
        ]
      : [];
    const deliveries = perSaga?.deliveries ?? 0;
    const report: BenchReport = {
      profile: profile.name,
      startedAt: startedAt.toISOString(),
      durationSeconds: (Date.now() - startedAt.getTime()) / 1_000,
      machine: {
        cpus: cpus().length,
        model: cpus()[0]?.model ?? 'unknown',
        memoryGiB: totalmem() / 1024 ** 3,
        kernel: release(),
        node: process.version,
      },
      fsync: measureFsync(join(ROOT, '.data'), profile.fsyncCount),
      durability: await readDurability({
        'nats (S)': `http://127.0.0.1:${LOCAL_INFRA.natsMonitor.port}`,
        'nats (J, same config)': J_NATS.monitorUrl,
      }),
      systems: [...results.values()],
      resources,
      notes: [
        ...(profile.name === 'smoke'
          ? [
              'Smoke run: a few seconds per trial, on a machine other work was loading. It proves the harness; its figures are not to be quoted.',
            ]
          : []),
        `S per saga: ${perSaga ? `${perSaga.publishes.toFixed(2)} JetStream publishes, ${deliveries.toFixed(2)} deliveries` : 'not measured'} (over ${accounting.sagas} sagas of S's trials).`,
      ],
    };
    const figures = renderFigures(report);
    log(`\n${figures}`);
    // Formatted as `prettier --check .` (the CI's format check) wants it.
    const { format, resolveConfig } = await import('prettier');
    const updated = spliceFigures(readFileSync(DOC, 'utf8'), figures);
    writeFileSync(DOC, await format(updated, { ...(await resolveConfig(DOC)), filepath: DOC }));
    log(`written to ${DOC}`);
  } finally {
    await Promise.allSettled(systems.map((system) => system.stop()));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
