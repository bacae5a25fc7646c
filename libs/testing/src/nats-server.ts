import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from './wait-for';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });

/** Whether something accepts TCP connections on the loopback `port` now. */
export const acceptsConnections = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** The one user a server accepts, besides nobody anonymous (`nats-server --user --pass`). */
export interface NatsServerUser {
  user: string;
  password: string;
}

/**
 * A throwaway NATS server with JetStream (file storage in a temp folder) on its own port, for
 * tests that must stop, kill or restart the broker without touching the shared one.
 */
export class NatsServerProcess {
  private child: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    private readonly storeDir: string,
    private readonly login: NatsServerUser | undefined,
  ) {}

  /** @param login when given, the server refuses every other client */
  static async start(login?: NatsServerUser): Promise<NatsServerProcess> {
    const server = new NatsServerProcess(
      await freePort(),
      mkdtempSync(join(tmpdir(), 'polyshop-nats-')),
      login,
    );
    await server.start();
    return server;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  /** Starts (again) on the same port and store: what JetStream kept is still there. */
  async start(): Promise<void> {
    const child = spawn(
      'nats-server',
      [
        ...['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.storeDir],
        ...(this.login ? ['--user', this.login.user, '--pass', this.login.password] : []),
      ],
      { stdio: 'ignore', env: { ...process.env, PATH: `${process.env.PATH}:/usr/sbin:/usr/bin` } },
    );
    this.child = child;
    await waitFor(
      () => acceptsConnections(this.port),
      (up) => up || child.exitCode !== null,
      { description: `nats-server on port ${this.port}`, timeoutMs: 10_000 },
    );
    if (child.exitCode !== null) throw new Error(`nats-server exited with ${child.exitCode}`);
  }

  /** SIGTERM and wait for the exit. */
  stop(): Promise<void> {
    return this.end('SIGTERM');
  }

  /** SIGKILL: the broker dies at whatever instruction it was on. */
  kill(): Promise<void> {
    return this.end('SIGKILL');
  }

  /** Stops the server and deletes its store. */
  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.storeDir, { recursive: true, force: true });
  }

  private async end(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }
}
