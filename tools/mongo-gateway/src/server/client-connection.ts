import type { Socket } from 'node:net';
import type { ConnectionInfo } from '../commands/command-context';
import type { Logger } from '../logging/logger';
import { MessageFramer } from '../wire/message-framer';
import { MAX_MESSAGE_SIZE_BYTES } from '../wire/opcodes';
import { FatalWireError } from '../wire/wire-errors';
import type { MessageHandler } from './message-handler';

// Requests on one connection are answered in order, one at a time, as mongod does; a client
// that pipelines faster than that is paused instead of buffered without bound.
const PAUSE_AT_QUEUED = 32;

/** One client socket: frames its bytes, runs its requests in order, writes the replies. */
export class ClientConnection {
  readonly info: ConnectionInfo;
  private readonly framer = new MessageFramer(MAX_MESSAGE_SIZE_BYTES);
  private queue: Promise<void> = Promise.resolve();
  private queued = 0;
  private draining = false;
  readonly closed: Promise<void>;

  constructor(
    private readonly socket: Socket,
    id: number,
    private readonly handler: MessageHandler,
    private readonly logger: Logger,
  ) {
    this.info = {
      id,
      localAddress: socket.localAddress ?? '127.0.0.1',
      localPort: socket.localPort ?? 0,
      remoteAddress: socket.remoteAddress ?? 'unknown',
      remotePort: socket.remotePort ?? 0,
    };
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) =>
      this.logger.debug('client socket error', { connectionId: id, error }),
    );
  }

  /** Requests received and not yet answered. */
  get pendingRequests(): number {
    return this.queued;
  }

  /** Shutdown: answers what was already received, then closes; idle sockets close now. */
  drain(): void {
    this.draining = true;
    // Keep reading (and dropping) bytes: a paused socket never sees the client's FIN.
    this.socket.resume();
    if (this.queued === 0) this.socket.end();
  }

  destroy(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    if (this.draining) return;
    let messages: Buffer[];
    try {
      messages = this.framer.push(chunk);
    } catch (error) {
      this.abandon(error);
      return;
    }
    for (const message of messages) this.enqueue(message);
  }

  private enqueue(message: Buffer): void {
    this.queued++;
    if (this.queued >= PAUSE_AT_QUEUED) this.socket.pause();
    this.queue = this.queue.then(() => this.process(message));
  }

  private async process(message: Buffer): Promise<void> {
    try {
      if (this.socket.destroyed) return;
      const reply = await this.handler.handle(message, this.info);
      if (reply) await this.write(reply);
    } catch (error) {
      this.abandon(error);
    } finally {
      this.queued--;
      if (this.draining) {
        if (this.queued === 0) this.socket.end();
      } else if (this.queued < PAUSE_AT_QUEUED) {
        this.socket.resume();
      }
    }
  }

  private write(reply: Buffer): Promise<void> {
    if (this.socket.write(reply)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.socket.off('drain', done);
        this.socket.off('close', done);
        resolve();
      };
      this.socket.once('drain', done);
      this.socket.once('close', done);
    });
  }

  /** The stream cannot be resynchronised after a framing error: close it, keep the server up. */
  private abandon(error: unknown): void {
    const fields = {
      connectionId: this.info.id,
      remote: `${this.info.remoteAddress}:${this.info.remotePort}`,
      error,
    };
    if (error instanceof FatalWireError)
      this.logger.warn('closing connection after a protocol error', fields);
    else this.logger.error('closing connection after an unexpected error', fields);
    this.socket.destroy();
  }
}
