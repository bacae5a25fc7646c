import type { Daemon } from './daemon';
import { errorMessage } from './errors';
import type { BinaryRequirement } from './packages';
import { assertPortFree, waitUntil } from './processes';
import type { DownOutcome, Endpoint, Log, Store, StoreStatus, UpOutcome } from './store';

export interface Launch {
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

const STOP_GRACE_MS = 15_000;

/** Lifecycle of a server we spawn ourselves (Redis, NATS, MariaDB, the gateway). */
export abstract class DaemonStore implements Store {
  abstract readonly name: string;
  abstract readonly endpoints: readonly Endpoint[];
  abstract readonly binaries: readonly BinaryRequirement[];
  readonly dependsOn: readonly string[] = [];
  protected abstract readonly host: string;
  protected abstract readonly port: number;
  protected abstract readonly deadlineMs: number;
  protected abstract readonly daemon: Daemon;
  protected abstract readonly logFile: string;

  /** Creates the data directory on first use and writes the configuration. */
  protected abstract prepare(log: Log): Promise<void>;
  protected abstract launch(): Launch;
  /** One real request; true when the store answers it. */
  protected abstract probe(): Promise<boolean>;

  /** Every port the server will listen on, checked before it starts. */
  protected listenPorts(): readonly { name: string; port: number }[] {
    return [{ name: this.name, port: this.port }];
  }

  async up(log: Log): Promise<UpOutcome> {
    const running = this.daemon.pid();
    if (running === undefined) {
      for (const { name, port } of this.listenPorts()) await assertPortFree(this.host, port, name);
      await this.prepare(log);
      const { command, args, env, cwd } = this.launch();
      this.daemon.start(command, args, { env, cwd });
    }
    await waitUntil({
      what: `${this.name} (port ${this.port})`,
      deadlineMs: this.deadlineMs,
      probe: async () => ((await this.probe()) ? true : undefined),
      stillRunning: () => this.daemon.pid() !== undefined,
      logFile: this.logFile,
    });
    return { state: running === undefined ? 'started' : 'already running' };
  }

  down(_log: Log): Promise<DownOutcome> {
    return this.daemon.stop(STOP_GRACE_MS);
  }

  async status(): Promise<StoreStatus> {
    const pid = this.daemon.pid();
    if (pid === undefined) return { state: 'stopped' };
    try {
      return (await this.probe())
        ? { state: 'running', pid }
        : { state: 'not answering', pid, reason: 'unexpected answer' };
    } catch (error) {
      return { state: 'not answering', pid, reason: errorMessage(error) };
    }
  }
}
