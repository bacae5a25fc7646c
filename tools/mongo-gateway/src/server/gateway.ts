import { createServer, type Server, type Socket } from 'node:net';
import { once } from 'node:events';
import { DatabaseError, Pool } from 'pg';
import { createCommandRegistry } from '../commands/command-registry';
import type { GatewayInfo } from '../commands/command-context';
import { CursorRegistry } from '../cursors/cursor-registry';
import { engineVersion } from '../engine/documentdb-api';
import { silentLogger, type Logger } from '../logging/logger';
import { SessionRegistry } from '../sessions/session-registry';
import { ClientConnection } from './client-connection';
import { CommandDispatcher } from './command-dispatcher';
import { MessageHandler } from './message-handler';

export interface GatewayOptions {
  readonly host: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
  readonly documentdbUrl: string;
  readonly poolSize?: number;
  readonly transactionTimeoutMs?: number;
  readonly cursorTimeoutMs?: number;
  /** How long shutdown waits for in-flight requests before cutting connections. */
  readonly shutdownGraceMs?: number;
  readonly setName?: string;
  readonly logger?: Logger;
}

export interface GatewayStats {
  readonly connections: number;
  readonly inFlightRequests: number;
  readonly openTransactions: number;
  readonly openCursors: number;
}

export interface RunningGateway {
  readonly host: string;
  readonly port: number;
  readonly engineVersion: string;
  stats(): GatewayStats;
  /** Stops accepting, answers in-flight requests, rolls back open transactions, ends the pool. */
  close(): Promise<void>;
}

/** DocumentDB is missing or unreachable at start; the message says which and where. */
export class EngineUnavailableError extends Error {
  override readonly name = 'EngineUnavailableError';
}

const DEFAULTS = {
  poolSize: 32,
  transactionTimeoutMs: 60_000,
  cursorTimeoutMs: 10 * 60_000,
  shutdownGraceMs: 10_000,
  setName: 'rs0',
} as const;

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<invalid url>';
  }
}

async function checkEngine(pool: Pool, url: string): Promise<string> {
  try {
    return await engineVersion(pool);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const missing =
      error instanceof DatabaseError && (error.code === '42883' || error.code === '3F000');
    throw new EngineUnavailableError(
      missing
        ? `DocumentDB extension is not installed in ${redactUrl(url)} (run CREATE EXTENSION documentdb CASCADE): ${reason}`
        : `cannot reach DocumentDB at ${redactUrl(url)}: ${reason}`,
    );
  }
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const logger = options.logger ?? silentLogger;
  const settings = { ...DEFAULTS, ...withoutUndefined(options) };
  const pool = new Pool({
    connectionString: options.documentdbUrl,
    max: settings.poolSize,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    application_name: 'mongo-gateway',
  });
  pool.on('error', (error) => logger.warn('idle documentdb connection failed', { error }));

  let version: string;
  try {
    version = await checkEngine(pool, options.documentdbUrl);
  } catch (error) {
    await pool.end();
    throw error;
  }

  const sessions = new SessionRegistry(pool, {
    transactionTimeoutMs: settings.transactionTimeoutMs,
    finishedRetentionMs: 30 * 60_000,
    logger,
  });
  const cursors = new CursorRegistry({
    idleTimeoutMs: settings.cursorTimeoutMs,
    maxLeased: Math.max(1, Math.floor(settings.poolSize / 2)),
    logger,
  });
  const handlers = createCommandRegistry();
  const connections = new Set<ClientConnection>();
  let totalCreated = 0;
  const gateway: GatewayInfo = {
    setName: settings.setName,
    startedAt: new Date(),
    engineVersion: version,
    commandNames: () => [...handlers.keys()],
    connectionCounts: () => ({ current: connections.size, totalCreated }),
  };
  const dispatcher = new CommandDispatcher({ handlers, pool, sessions, cursors, gateway, logger });
  const messages = new MessageHandler(dispatcher);

  const server: Server = createServer((socket: Socket) => {
    const connection = new ClientConnection(socket, ++totalCreated, messages, logger);
    connections.add(connection);
    void connection.closed.then(() => connections.delete(connection));
  });
  server.on('error', (error) => logger.error('server error', { error }));

  try {
    server.listen(options.port, options.host);
    await once(server, 'listening');
  } catch (error) {
    await Promise.all([sessions.shutdown(), pool.end()]);
    throw error;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;

  let closing: Promise<void> | undefined;
  const shutdown = async (): Promise<void> => {
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const connection of connections) connection.drain();
    const drained = Promise.all([...connections].map((connection) => connection.closed));
    const grace = new Promise<'timeout'>((resolve) =>
      setTimeout(() => resolve('timeout'), settings.shutdownGraceMs).unref(),
    );
    if ((await Promise.race([drained, grace])) === 'timeout') {
      logger.warn('shutdown grace period over; closing remaining connections', {
        remaining: connections.size,
      });
      for (const connection of connections) connection.destroy();
    }
    await stopped;
    await sessions.shutdown();
    await cursors.closeAll();
    await pool.end();
  };

  return {
    host: options.host,
    port,
    engineVersion: version,
    stats: () => ({
      connections: connections.size,
      inFlightRequests: [...connections].reduce(
        (sum, connection) => sum + connection.pendingRequests,
        0,
      ),
      openTransactions: sessions.openTransactionCount,
      openCursors: cursors.size,
    }),
    close: () => (closing ??= shutdown()),
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
