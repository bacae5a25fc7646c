import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import mongoose, { type Connection } from 'mongoose';
import { startGateway, type GatewayOptions, type RunningGateway } from '../server/gateway';
import { MessageFramer } from '../wire/message-framer';
import { MAX_MESSAGE_SIZE_BYTES } from '../wire/opcodes';

/** The DocumentDB the conformance suite runs against; the infra default unless overridden. */
export const DOCUMENTDB_URL =
  process.env.DOCUMENTDB_URL ?? 'postgres://postgres@127.0.0.1:15434/postgres';

/** A database per run, so that runs and suites never see each other's data. */
export function uniqueDatabaseName(suite: string): string {
  return `gwtest_${suite}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

export function startTestGateway(overrides: Partial<GatewayOptions> = {}): Promise<RunningGateway> {
  return startGateway({ host: '127.0.0.1', port: 0, documentdbUrl: DOCUMENTDB_URL, ...overrides });
}

export function connectMongoose(gateway: RunningGateway, database: string): Promise<Connection> {
  return mongoose
    .createConnection(`mongodb://127.0.0.1:${gateway.port}/${database}`, {
      serverSelectionTimeoutMS: 5_000,
      monitorCommands: true,
    })
    .asPromise();
}

export function dbOf(connection: Connection): NonNullable<Connection['db']> {
  const { db } = connection;
  if (!db) throw new Error('mongoose connection is not open');
  return db;
}

/** A bare TCP client speaking raw wire messages, for what no driver sends on purpose. */
export class RawWireClient {
  private readonly framer = new MessageFramer(MAX_MESSAGE_SIZE_BYTES);
  private readonly replies: Buffer[] = [];
  private waiting: ((reply: Buffer) => void) | undefined;
  readonly closed: Promise<void>;

  private constructor(private readonly socket: Socket) {
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('data', (chunk: Buffer) => {
      for (const reply of this.framer.push(chunk)) {
        const waiter = this.waiting;
        this.waiting = undefined;
        if (waiter) waiter(reply);
        else this.replies.push(reply);
      }
    });
    socket.on('error', () => undefined);
  }

  static async connect(port: number): Promise<RawWireClient> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return new RawWireClient(socket);
  }

  send(message: Buffer): void {
    this.socket.write(message);
  }

  nextReply(): Promise<Buffer> {
    const ready = this.replies.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      void this.closed.then(() => reject(new Error('connection closed before a reply')));
    });
  }

  async request(message: Buffer): Promise<Buffer> {
    this.send(message);
    return this.nextReply();
  }

  close(): void {
    this.socket.destroy();
  }
}
