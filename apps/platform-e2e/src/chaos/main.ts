import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { DLQ_PATTERNS, EVENTS, type ServiceName } from '@polyshop/contracts';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { waitFor } from '@polyshop/testing';
import { admin, newProduct, newUser, type Session } from '../support/api';
import {
  TERMINAL,
  beginRun,
  readSnapshot,
  stateViolations,
  withNats,
  type DeadLetterRecord,
  type Snapshot,
} from '../support/invariants';
import { APP_NAMES, E2E_ENV, Platform, ROOT } from '../support/platform';
import { ChaosInfra } from './chaos-infra';
import { healAll, inject, type RunContext } from './faults';
import { LoadStats, measureRecovery, runLoad, type Pools } from './load';
import {
  NORMAL_PRODUCTS,
  PROFILES,
  SAGA_STREAMS,
  describeFault,
  makePlan,
  type ProfileName,
} from './plan';
import {
  buildReport,
  formatSummary,
  summarize,
  formatReport,
  type DeadLetterAccount,
  type FaultRecord,
  type LogCounts,
  type RunReport,
  tallyLogLines,
} from './report';

const ACK_WAIT_MS = 4_000;
const SAGA_TIMEOUT_MS = 15_000;
/** Longest a run may take to drain once its faults end: beyond the saga and reservation deadlines. */
const DRAIN_TIMEOUT_MS = 180_000;

/** The apps of the chaos suite: short deadlines, so that timeouts and redeliveries happen within a run. */
const CHAOS_ENV: Record<string, string> = {
  ...E2E_ENV,
  ORDER_SAGA_TIMEOUT_MS: String(SAGA_TIMEOUT_MS),
  INVENTORY_RESERVATION_TTL_MS: String(2 * SAGA_TIMEOUT_MS),
  JETSTREAM_ACK_WAIT_MS: String(ACK_WAIT_MS),
  PSP_LATENCY_MS: '5',
  PSP_TRANSIENT_FAILURE_RATE: '0.02',
};

function readOptions() {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '1' },
      runs: { type: 'string' },
      profile: { type: 'string', default: 'short' },
      // Servers and apps listen this far above their usual ports: two invocations with
      // different shifts run side by side.
      'port-shift': { type: 'string', default: '100' },
    },
  });
  const profile = values.profile as ProfileName;
  if (!(profile in PROFILES))
    throw new Error(`--profile must be one of ${Object.keys(PROFILES).join(', ')}`);
  const seed = Number(values.seed);
  const runs = Number(values.runs ?? (profile === 'short' ? 3 : 100));
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new Error('--seed must be a whole number >= 0');
  if (!Number.isSafeInteger(runs) || runs < 1)
    throw new Error('--runs must be a whole number >= 1');
  const portShift = Number(values['port-shift']);
  if (!Number.isSafeInteger(portShift) || portShift < 100 || portShift % 100 !== 0) {
    throw new Error('--port-shift must be a multiple of 100');
  }
  return { seed, runs, profile, portShift };
}

/**
 * Registers, retrying for up to a minute: argon2 at 64 MiB may make a user-service on a loaded
 * machine miss the gateway's RPC deadline (503), and a run must not fail on its own setup.
 */
function shopper(): Promise<Session> {
  return waitFor(
    () => newUser(),
    () => true,
    { timeoutMs: 60_000, intervalMs: 500, description: 'a shopper registered' },
  );
}

const streamSequences = () =>
  withNats(async (nats) => {
    const jsm = await nats.jetstreamManager();
    const sequences = new Map<string, number>();
    for (const stream of SAGA_STREAMS) {
      sequences.set(stream, (await jsm.streams.info(stream)).state.last_seq);
    }
    return sequences;
  });

/** Byte length of every app log now, to count what a run adds to them. */
function logSizes(dir: string): Map<string, number> {
  if (!existsSync(dir)) return new Map();
  return new Map(
    readdirSync(dir)
      .filter((file) => file.endsWith('.log'))
      .map((file) => [file, statSync(join(dir, file)).size]),
  );
}

function countLogLines(dir: string, since: Map<string, number>): LogCounts {
  const counts: LogCounts = { redeliveries: 0, inboxDuplicates: 0, crashPointsReached: 0 };
  for (const [file, size] of logSizes(dir)) {
    const from = since.get(file) ?? 0;
    const buffer = Buffer.alloc(size - from);
    const fd = openSync(join(dir, file), 'r');
    readSync(fd, buffer, 0, buffer.length, from);
    closeSync(fd);
    tallyLogLines(buffer.toString('utf8'), counts);
  }
  return counts;
}

/** Messages the saga streams' durable consumers have not acknowledged yet (a replay's backlog). */
const consumerBacklog = () =>
  withNats(async (nats) => {
    const jsm = await nats.jetstreamManager();
    let backlog = 0;
    for (const stream of SAGA_STREAMS) {
      for (const consumer of await jsm.consumers.list(stream).next()) {
        backlog += consumer.num_pending + consumer.num_ack_pending;
      }
    }
    return backlog;
  });

/**
 * Polls until invariants 1-3 and the outboxes hold and every durable has consumed its stream
 * (a whole-stream replay can still be working through history, the run's poison behind it), or
 * the deadline passes.
 */
async function drain(): Promise<Snapshot> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  for (;;) {
    const snapshot = await readSnapshot();
    const settled = stateViolations(snapshot).length === 0 && (await consumerBacklog()) === 0;
    if (settled || Date.now() > deadline) return snapshot;
    await delay(500);
  }
}

/**
 * Dead letters of the run: its poison (each message must be dead-lettered by every consumer of
 * its subject), earlier runs' poison delivered again by a stream replay, and any other, which an
 * outage caused by exhausting a handler's retries: those are replayed through their service's
 * DLQ RPC, as an operator would, and accounted for once replayed.
 */
async function accountDeadLetters(
  snapshot: Snapshot,
  ctx: RunContext,
  earlierPoison: readonly string[],
  rpc: ClientProxy,
) {
  const account: DeadLetterAccount = {
    total: snapshot.deadLetters.length,
    poison: 0,
    poisonExpected: ctx.expectedPoisonDeadLetters,
    poisonMissing: [],
    earlierPoison: 0,
    replayed: [],
    unaccounted: [],
  };
  const consumerOf = (letter: DeadLetterRecord) => letter.subject.split('.')[1] as ServiceName;
  for (const { id, subject } of ctx.poison) {
    const deadLettered = snapshot.deadLetters.filter((letter) => letter.payload.includes(id));
    for (const consumer of EVENTS[subject].consumers) {
      if (!deadLettered.some((letter) => consumerOf(letter) === consumer)) {
        account.poisonMissing.push(`poison ${id} on ${subject} not dead-lettered by ${consumer}`);
      }
    }
  }
  for (const letter of snapshot.deadLetters) {
    if (ctx.poison.some(({ id }) => letter.payload.includes(id))) {
      account.poison++;
      continue;
    }
    if (earlierPoison.some((id) => letter.payload.includes(id))) {
      account.earlierPoison++;
      continue;
    }
    const patterns = DLQ_PATTERNS[consumerOf(letter) as keyof typeof DLQ_PATTERNS];
    try {
      if (letter.reason !== 'RETRIES_EXHAUSTED' || patterns === undefined)
        throw new Error('not an outage');
      await lastValueFrom(rpc.send(patterns.replay, { sequence: letter.seq }));
      account.replayed.push(`${letter.subject}: ${letter.detail}`);
    } catch {
      account.unaccounted.push(letter);
    }
  }
  return account;
}

async function runOnce(
  seed: number,
  profileName: ProfileName,
  platform: Platform,
  infra: ChaosInfra,
  rpc: ClientProxy,
  earlierPoison: string[],
): Promise<RunReport> {
  const runStart = Date.now();
  // Logged in per run: a token lives JWT_TTL_SECONDS (15 min), a long profile far longer.
  const adminToken = await waitFor(
    () => admin(),
    () => true,
    { timeoutMs: 60_000, intervalMs: 500, description: 'the admin logged in' },
  );
  const plan = makePlan(seed, profileName);
  const profile = PROFILES[profileName];
  await beginRun();
  const ctx: RunContext = {
    platform,
    infra,
    ackWaitMs: ACK_WAIT_MS,
    seed,
    replicas: [],
    poison: [],
    streamStart: await streamSequences(),
    expectedPoisonDeadLetters: 0,
    duplicatesInjected: 0,
  };
  const logsFrom = logSizes(platform.options.workDir);
  const pools: Pools = {
    shoppers: await Promise.all(plan.shoppers.map(() => shopper())),
    hot: await Promise.all(plan.hotStocks.map((stock) => newProduct(adminToken, stock, 1500))),
    normal: await Promise.all(
      Array.from({ length: NORMAL_PRODUCTS }, (_, i) => newProduct(adminToken, 10_000, 999 + i)),
    ),
  };
  const canary = { shopper: await shopper(), product: await newProduct(adminToken, 100_000, 100) };
  const stats = new LoadStats();
  const runnerProblems: string[] = [];
  const faults: FaultRecord[] = [];
  const loadStart = Date.now();
  const load = runLoad(plan, pools, loadStart + profile.loadMs, stats);
  for (const planned of plan.faults) {
    await delay(Math.max(0, loadStart + planned.atMs - Date.now()));
    const description = describeFault(planned);
    let note: string;
    try {
      note = await inject(planned.fault, ctx);
    } catch (error) {
      note = `FAILED: ${String(error)}`;
      runnerProblems.push(`fault "${description}" could not be carried out: ${String(error)}`);
    }
    const recovery = await measureRecovery(canary, Date.now());
    // A canary cancelled by its saga deadline is the platform working as designed (a whole
    // stream replayed can queue it behind thousands of events); one never terminal is not.
    if (!TERMINAL.has(recovery.status)) {
      runnerProblems.push(`after "${description}" the canary order was ${recovery.status}`);
    }
    faults.push({ kind: planned.fault.kind, atMs: planned.atMs, description, note, recovery });
  }
  await load;
  await healAll(ctx);
  const drainFrom = Date.now();
  let snapshot = await drain();
  const deadLetters = await accountDeadLetters(snapshot, ctx, earlierPoison, rpc);
  earlierPoison.push(...ctx.poison.map(({ id }) => id));
  if (deadLetters.replayed.length > 0) snapshot = await drain();
  return buildReport({
    plan,
    faults,
    stats,
    snapshot,
    deadLetters,
    duplicatesInjected: ctx.duplicatesInjected,
    logs: countLogLines(platform.options.workDir, logsFrom),
    drainMs: Date.now() - drainFrom,
    durationMs: Date.now() - runStart,
    runnerProblems,
  });
}

async function main(): Promise<number> {
  const { seed, runs, profile, portShift } = readOptions();
  const infra = new ChaosInfra(portShift);
  const workDir = join(ROOT, 'tmp', `chaos-${portShift}`);
  const platform = new Platform({ workDir, portOffset: portShift, env: CHAOS_ENV });
  // The runner's own calls (and the apps it spawns) go to the chaos instances.
  Object.assign(process.env, infra.urls, { E2E_GATEWAY_URL: platform.url('api-gateway') });
  mkdirSync(workDir, { recursive: true });
  // Interrupted (Ctrl-C, a CI timeout): stop what this invocation started before leaving.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`chaos: ${signal}, stopping the apps and servers it started\n`);
      void platform
        .stopAll()
        .then(() => infra.down())
        .finally(() => process.exit(130));
    });
  }
  await platform.stopAll('SIGKILL');
  for (const app of APP_NAMES) {
    if ((await platform.readiness(app)) !== 0)
      throw new Error(`port ${platform.port(app)} of ${app} is taken`);
  }
  const started = Date.now();
  process.stdout.write(
    `chaos: profile ${profile}, seeds ${seed}..${seed + runs - 1}; fresh servers (POLYSHOP_INSTANCE=${infra.env.POLYSHOP_INSTANCE}), apps on ports ${platform.port('api-gateway')}+\n`,
  );
  await infra.reset();
  const rpc = ClientProxyFactory.create({
    transport: Transport.NATS,
    options: { servers: [infra.urls.NATS_URL] },
  });
  const reports: RunReport[] = [];
  const aborted: { seed: number; error: string }[] = [];
  /** Poison of the runs so far: a stream replay in a later run dead-letters it again. */
  const earlierPoison: string[] = [];
  try {
    await platform.startAll();
    for (let run = 0; run < runs; run++) {
      try {
        const report = await runOnce(seed + run, profile, platform, infra, rpc, earlierPoison);
        reports.push(report);
        process.stdout.write(`${formatReport(report)}\n`);
      } catch (error) {
        // The run could not be carried out (its setup kept failing): a failure, not a pass.
        aborted.push({ seed: seed + run, error: String(error) });
        process.stdout.write(`run seed ${seed + run} (${profile}): ABORTED: ${String(error)}\n`);
        await healAll({
          platform,
          infra,
          replicas: platform.running().filter((i) => i.replica > 0),
        });
      }
    }
  } finally {
    await rpc.close();
    await platform.stopAll();
    await infra.down();
  }
  const failed = reports.filter((r) => r.violations.length > 0);
  const file = join(workDir, `report-${profile}-${seed}-${runs}.json`);
  writeFileSync(file, JSON.stringify({ reports, aborted }, null, 2));
  const faults = reports.reduce((n, r) => n + r.faults.length, 0);
  if (reports.length > 0) process.stdout.write(`\n${formatSummary(summarize(reports))}\n`);
  process.stdout.write(
    `\nchaos: ${reports.length} runs, ${faults} faults, ${failed.length} run(s) with violations` +
      `${failed.length > 0 ? ` (seeds ${failed.map((r) => r.seed).join(', ')})` : ''}; ` +
      `${aborted.length} aborted; ${Math.round((Date.now() - started) / 1000)} s; report ${file}\n`,
  );
  return failed.length === 0 && aborted.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `chaos: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
