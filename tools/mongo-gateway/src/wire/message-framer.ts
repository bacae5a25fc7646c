import { HEADER_SIZE } from './opcodes';
import { FatalWireError } from './wire-errors';

/**
 * Cuts a TCP byte stream into whole wire messages. Chunks are only concatenated once a whole
 * message is available, so a 16 MiB insert arriving in 64 KiB pieces is copied once.
 */
export class MessageFramer {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private expected: number | undefined;

  constructor(private readonly maxMessageSize: number) {}

  get pendingBytes(): number {
    return this.buffered;
  }

  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const messages: Buffer[] = [];
    for (;;) {
      if (this.expected === undefined) {
        if (this.buffered < 4) break;
        this.expected = this.validLength(this.peekLength());
      }
      if (this.buffered < this.expected) break;
      messages.push(this.take(this.expected));
      this.expected = undefined;
    }
    return messages;
  }

  private validLength(length: number): number {
    if (length < HEADER_SIZE || length > this.maxMessageSize) {
      throw new FatalWireError(
        `invalid message length ${length} (allowed ${HEADER_SIZE}..${this.maxMessageSize})`,
      );
    }
    return length;
  }

  private peekLength(): number {
    if (this.chunks[0].length < 4) this.chunks = [Buffer.concat(this.chunks, this.buffered)];
    return this.chunks[0].readInt32LE(0);
  }

  private take(length: number): Buffer {
    const all =
      this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.buffered);
    const rest = all.subarray(length);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return all.subarray(0, length);
  }
}
