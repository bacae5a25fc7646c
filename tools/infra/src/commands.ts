import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { errorMessage, InfraError } from './errors';
import { mountsUnder } from './mounts';
import { ensureBinaries } from './packages';
import type { InfraSettings } from './settings';
import type { Log, Store, StoreStatus, UpOutcome } from './store';
import { renderTable } from './table';

export type Print = (line: string) => void;

interface Result {
  readonly store: Store;
  readonly state: string;
  readonly error?: string;
}

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)}s`;

const logFor =
  (print: Print, store: Store): Log =>
  (message) =>
    print(`[${store.name}] ${message}`);

/** The endpoints table: one row per endpoint (NATS has two), with its store's state. */
export function endpointsTable(results: readonly Result[]): string {
  return renderTable(
    ['STORE', 'OWNER', 'URL', 'STATE'],
    results.flatMap(({ store, state }) =>
      store.endpoints.map((endpoint) => [endpoint.name, endpoint.owner, endpoint.url, state]),
    ),
  );
}

function report(print: Print, results: readonly Result[]): number {
  print('');
  print(endpointsTable(results));
  const failures = results.filter((result) => result.error !== undefined);
  for (const { store, error } of failures) print(`\n${store.name} FAILED: ${error}`);
  return failures.length === 0 ? 0 : 1;
}

function prepareFolders(settings: InfraSettings): void {
  for (const dir of [settings.dataDir, settings.logsDir, settings.runDir]) {
    fs.mkdirSync(dir, { recursive: true });
  }
}

const upState = (outcome: UpOutcome, since: number) => {
  switch (outcome.state) {
    case 'started':
      return `started in ${seconds(since)}`;
    case 'already running':
      return 'already running';
    case 'skipped':
      return `skipped: ${outcome.reason}`;
  }
};

/** Starts the independent stores concurrently; a store waits only for what it depends on. */
export async function up(stores: readonly Store[], settings: InfraSettings, print: Print) {
  const began = Date.now();
  prepareFolders(settings);
  await ensureBinaries(
    stores.flatMap((store) => store.binaries),
    settings.logsDir,
    (message) => print(`[packages] ${message}`),
  );
  interface Launched {
    readonly outcome: UpOutcome;
    readonly state: string;
  }
  const launches = new Map<string, Promise<Launched>>();
  const launch = (store: Store): Promise<Launched> => {
    const existing = launches.get(store.name);
    if (existing !== undefined) return existing;
    const promise = (async () => {
      for (const name of store.dependsOn) {
        const dependency = stores.find((candidate) => candidate.name === name);
        if (dependency === undefined) continue;
        const launched = await launch(dependency).catch(() => undefined);
        if (launched === undefined || launched.outcome.state === 'skipped') {
          throw new InfraError(`not started because ${name} is not up`);
        }
      }
      const since = Date.now();
      const outcome = await store.up(logFor(print, store));
      const state = upState(outcome, since);
      logFor(print, store)(state);
      return { outcome, state };
    })();
    launches.set(store.name, promise);
    return promise;
  };
  const results = await Promise.all(
    stores.map((store) =>
      launch(store).then(
        ({ state }): Result => ({ store, state }),
        (error): Result => ({ store, state: 'FAILED', error: errorMessage(error) }),
      ),
    ),
  );
  const code = report(print, results);
  print(`\ninfra up: ${code === 0 ? 'ready' : 'FAILED'} after ${seconds(began)}`);
  return code;
}

/** Stops dependents first (the gateway before DocumentDB), everything else concurrently. */
export async function down(stores: readonly Store[], print: Print) {
  const stop = async (store: Store): Promise<Result> => {
    try {
      return { store, state: await store.down(logFor(print, store)) };
    } catch (error) {
      return { store, state: 'FAILED', error: errorMessage(error) };
    }
  };
  const dependents = await Promise.all(stores.filter((s) => s.dependsOn.length > 0).map(stop));
  const others = await Promise.all(stores.filter((s) => s.dependsOn.length === 0).map(stop));
  const results = [...dependents, ...others];
  return report(
    print,
    stores.flatMap((store) => results.filter((result) => result.store === store)),
  );
}

const statusState = (status: StoreStatus) => {
  switch (status.state) {
    case 'running':
      return `running (pid ${status.pid})`;
    case 'stopped':
      return 'stopped';
    case 'not answering':
      return `NOT ANSWERING (pid ${status.pid}): ${status.reason}`;
    case 'absent':
      return `absent: ${status.reason}`;
  }
};

/** Exit code 1 if a store that should run is stopped or does not answer. */
export async function status(stores: readonly Store[], print: Print) {
  const checked = await Promise.all(
    stores.map(async (store) => ({ store, status: await store.status() })),
  );
  print(
    endpointsTable(checked.map(({ store, status }) => ({ store, state: statusState(status) }))),
  );
  const notRunning = checked.filter(
    ({ status }) => status.state === 'stopped' || status.state === 'not answering',
  );
  if (notRunning.length > 0) {
    print(`\nnot running: ${notRunning.map(({ store }) => store.name).join(', ')}`);
  }
  return notRunning.length === 0 ? 0 : 1;
}

/** `{ store: pid }` of every instance that runs (answering or not), as one line of JSON. */
export async function pids(stores: readonly Store[], print: Print) {
  const running = await Promise.all(
    stores.map(async (store) => {
      const status = await store.status();
      return 'pid' in status ? [[store.name, status.pid] as const] : [];
    }),
  );
  print(JSON.stringify(Object.fromEntries(running.flat())));
  return 0;
}

/** down, then delete the data (the whole data folder when no store is named); never the cache. */
export async function reset(
  stores: readonly Store[],
  settings: InfraSettings,
  wholeDataDir: boolean,
  print: Print,
) {
  const code = await down(stores, print);
  if (code !== 0) throw new InfraError('Not deleting any data: some stores did not stop.');
  const targets = wholeDataDir
    ? [settings.dataDir]
    : stores.flatMap((store) => (store.dataDir === undefined ? [] : [store.dataDir]));
  for (const target of targets) {
    if ([path.parse(target).root, settings.repoRoot, os.homedir()].includes(target)) {
      throw new InfraError(`Refusing to delete ${target}: it is not an infra data folder.`);
    }
    const mounted = mountsUnder(target);
    if (mounted.length > 0) {
      throw new InfraError(`Not deleting ${target}: ${mounted.join(', ')} is still mounted.`);
    }
    fs.rmSync(target, { recursive: true, force: true });
    print(`deleted ${target}`);
  }
  return 0;
}
