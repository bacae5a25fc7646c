import { buildOpMsg } from '../testing/wire-messages';
import { MessageFramer } from './message-framer';
import { FatalWireError } from './wire-errors';

const ping = (requestId: number) => buildOpMsg({ requestId, body: { ping: 1, $db: 'admin' } });

describe('MessageFramer', () => {
  it('returns a message only once all of its bytes have arrived', () => {
    const framer = new MessageFramer(1024);
    const message = ping(1);
    expect(framer.push(message.subarray(0, 3))).toEqual([]);
    expect(framer.push(message.subarray(3, 20))).toEqual([]);
    expect(framer.push(message.subarray(20))).toEqual([message]);
    expect(framer.pendingBytes).toBe(0);
  });

  it('splits several messages that arrive in one chunk, keeping a trailing partial one', () => {
    const framer = new MessageFramer(1024);
    const [first, second, third] = [ping(1), ping(2), ping(3)];
    const messages = framer.push(Buffer.concat([first, second, third.subarray(0, 5)]));
    expect(messages).toEqual([first, second]);
    expect(framer.push(third.subarray(5))).toEqual([third]);
  });

  it('rejects a declared length smaller than a header or larger than the limit', () => {
    const tiny = Buffer.alloc(16);
    tiny.writeInt32LE(8, 0);
    expect(() => new MessageFramer(1024).push(tiny)).toThrow(FatalWireError);
    const huge = Buffer.alloc(4);
    huge.writeInt32LE(10_000, 0);
    expect(() => new MessageFramer(1024).push(huge)).toThrow(FatalWireError);
  });
});
