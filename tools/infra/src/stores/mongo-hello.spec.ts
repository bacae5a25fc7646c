import { deserialize, serialize } from 'bson';
import { decodeOpMsg, encodeOpMsg, frameLength } from './mongo-hello';

const reply = (body: object, flags = 0, extra = Buffer.alloc(0)) => {
  const doc = serialize(body);
  const head = Buffer.alloc(21);
  const checksum = flags & 1 ? Buffer.alloc(4) : Buffer.alloc(0);
  head.writeInt32LE(21 + extra.length + doc.length + checksum.length, 0);
  head.writeInt32LE(7, 4);
  head.writeInt32LE(1, 8);
  head.writeInt32LE(2013, 12);
  head.writeUInt32LE(flags, 16);
  head.writeUInt8(0, 20);
  return Buffer.concat([head.subarray(0, 20), extra, head.subarray(20), doc, checksum]);
};

describe('encodeOpMsg', () => {
  it('frames one body section as OP_MSG with its total length', () => {
    const frame = encodeOpMsg(42, { hello: 1, $db: 'admin' });
    expect(frame.readInt32LE(0)).toBe(frame.length);
    expect(frame.readInt32LE(4)).toBe(42);
    expect(frame.readInt32LE(12)).toBe(2013);
    expect(frame.readUInt8(20)).toBe(0);
    expect(deserialize(frame.subarray(21))).toEqual({ hello: 1, $db: 'admin' });
  });
});

describe('decodeOpMsg', () => {
  it('returns the body document of a reply', () => {
    expect(decodeOpMsg(reply({ ok: 1, isWritablePrimary: true }))).toEqual({
      ok: 1,
      isWritablePrimary: true,
    });
  });

  it('ignores a trailing checksum', () => {
    expect(decodeOpMsg(reply({ ok: 1 }, 1))).toEqual({ ok: 1 });
  });

  it('skips a document sequence before the body', () => {
    const sequence = Buffer.concat([Buffer.from([1]), Buffer.alloc(4), Buffer.from('docs\0')]);
    sequence.writeInt32LE(sequence.length - 1, 1);
    expect(decodeOpMsg(reply({ ok: 1 }, 0, sequence))).toEqual({ ok: 1 });
  });

  it('rejects a legacy OP_REPLY', () => {
    const frame = reply({ ok: 1 });
    frame.writeInt32LE(1, 12);
    expect(() => decodeOpMsg(frame)).toThrow('expected an OP_MSG reply, got opCode 1');
  });
});

describe('frameLength', () => {
  it('waits until the whole frame has arrived', () => {
    const frame = reply({ ok: 1 });
    expect(frameLength(frame.subarray(0, 3))).toBeUndefined();
    expect(frameLength(frame.subarray(0, frame.length - 1))).toBeUndefined();
    expect(frameLength(Buffer.concat([frame, Buffer.alloc(5)]))).toBe(frame.length);
  });
});
