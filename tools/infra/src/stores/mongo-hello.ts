import net from 'node:net';
import { deserialize, serialize, type Document } from 'bson';

const OP_MSG = 2013;
const HEADER_BYTES = 16;
const CHECKSUM_PRESENT = 1;

/** An OP_MSG frame carrying one command document (section kind 0). */
export function encodeOpMsg(requestId: number, command: Document): Buffer {
  const body = serialize(command);
  const head = Buffer.alloc(HEADER_BYTES + 5);
  head.writeInt32LE(head.length + body.length, 0);
  head.writeInt32LE(requestId, 4);
  head.writeInt32LE(0, 8); // responseTo
  head.writeInt32LE(OP_MSG, 12);
  head.writeUInt32LE(0, 16); // flagBits
  head.writeUInt8(0, 20); // section kind 0: body
  return Buffer.concat([head, body]);
}

/** Length of the first complete frame in `buffer`, or undefined while it is still arriving. */
export function frameLength(buffer: Buffer): number | undefined {
  if (buffer.length < 4) return undefined;
  const length = buffer.readInt32LE(0);
  return buffer.length >= length ? length : undefined;
}

/** The body document of an OP_MSG reply. */
export function decodeOpMsg(frame: Buffer): Document {
  const opCode = frame.readInt32LE(12);
  if (opCode !== OP_MSG) throw new Error(`expected an OP_MSG reply, got opCode ${opCode}`);
  const flags = frame.readUInt32LE(HEADER_BYTES);
  const end = frame.readInt32LE(0) - (flags & CHECKSUM_PRESENT ? 4 : 0);
  for (let offset = HEADER_BYTES + 4; offset < end;) {
    const kind = frame.readUInt8(offset);
    if (kind === 0) return deserialize(frame.subarray(offset + 1, end));
    offset += 1 + frame.readInt32LE(offset + 1); // kind 1: a document sequence, skipped
  }
  throw new Error('OP_MSG reply without a body section');
}

/** Sends `hello` as a driver's handshake does and resolves with the server's answer. */
export function mongoHello(host: string, port: number, timeoutMs = 3000): Promise<Document> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    let received = Buffer.alloc(0);
    const fail = (error: Error) => {
      socket.destroy();
      reject(error);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error(`no answer to hello within ${timeoutMs}ms`)));
    socket.on('error', fail);
    socket.on('connect', () => socket.write(encodeOpMsg(1, { hello: 1, $db: 'admin' })));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const length = frameLength(received);
      if (length === undefined) return;
      socket.destroy();
      try {
        resolve(decodeOpMsg(received.subarray(0, length)));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    socket.on('end', () => fail(new Error('connection closed before the hello reply')));
  });
}
