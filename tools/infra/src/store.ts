import type { BinaryRequirement } from './packages';

/** Progress output of one store, already prefixed with its name. */
export type Log = (message: string) => void;

/** One row of the endpoints table: a store can expose several (NATS: client + monitoring). */
export interface Endpoint {
  readonly name: string;
  readonly owner: string;
  readonly url: string;
}

export type UpOutcome =
  | { readonly state: 'started' | 'already running' }
  | { readonly state: 'skipped'; readonly reason: string };

export type DownOutcome = 'stopped' | 'not running';

export type StoreStatus =
  | { readonly state: 'running'; readonly pid: number }
  | { readonly state: 'stopped' }
  | { readonly state: 'not answering'; readonly pid: number; readonly reason: string }
  | { readonly state: 'absent'; readonly reason: string };

/** One local server instance that `infra:*` manages. */
export interface Store {
  readonly name: string;
  readonly endpoints: readonly Endpoint[];
  /** Installed from Debian packages when missing, before anything starts. */
  readonly binaries: readonly BinaryRequirement[];
  /** Stores that must be up before this one starts. */
  readonly dependsOn: readonly string[];
  /** Deleted by `infra:reset`; stateless stores have none. */
  readonly dataDir?: string;
  /** Starts it unless it already runs, then waits until it answers a real query. */
  up(log: Log): Promise<UpOutcome>;
  down(log: Log): Promise<DownOutcome>;
  status(): Promise<StoreStatus>;
}
