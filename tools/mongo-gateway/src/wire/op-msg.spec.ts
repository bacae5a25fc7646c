import { Int32 } from 'bson';
import { decodeDocument, encodeDocument } from '../bson/bson-values';
import { buildOpMsg, opMsgReplyBody } from '../testing/wire-messages';
import { readHeader } from './opcodes';
import { encodeOpMsg, parseOpMsg } from './op-msg';
import { FatalWireError, MalformedMessageError } from './wire-errors';

describe('parseOpMsg', () => {
  it('reads the body and a kind-1 document sequence', () => {
    const message = buildOpMsg({
      requestId: 7,
      body: { insert: 'products', $db: 'shop' },
      sequences: [{ identifier: 'documents', documents: [{ _id: 1 }, { _id: 2 }] }],
    });
    const request = parseOpMsg(message);
    expect(request.requestId).toBe(7);
    expect(decodeDocument(request.body)).toMatchObject({ insert: 'products', $db: 'shop' });
    expect(request.sequences).toHaveLength(1);
    const [sequence] = request.sequences;
    expect(sequence.identifier).toBe('documents');
    expect(sequence.documents.map((doc) => decodeDocument(doc))).toEqual([
      { _id: new Int32(1) },
      { _id: new Int32(2) },
    ]);
    expect(sequence.bytes).toEqual(Buffer.concat(sequence.documents));
  });

  it('accepts a message whose checksum is right and strips it', () => {
    const request = parseOpMsg(
      buildOpMsg({ requestId: 1, body: { ping: 1, $db: 'admin' }, checksum: true }),
    );
    expect(Object.keys(decodeDocument(request.body))).toEqual(['ping', '$db']);
  });

  it('refuses a message whose checksum does not match its bytes', () => {
    const message = buildOpMsg({ requestId: 1, body: { ping: 1, $db: 'admin' }, checksum: true });
    message[message.length - 1] ^= 0xff;
    expect(() => parseOpMsg(message)).toThrow(FatalWireError);
  });

  it('reports moreToCome so that no reply is written', () => {
    const request = parseOpMsg(
      buildOpMsg({ requestId: 1, body: { ping: 1, $db: 'a' }, moreToCome: true }),
    );
    expect(request.moreToCome).toBe(true);
  });

  it('rejects unknown required flag bits, an unknown section kind and a missing body', () => {
    expect(() =>
      parseOpMsg(buildOpMsg({ requestId: 1, body: { ping: 1 }, flags: 1 << 4 })),
    ).toThrow(MalformedMessageError);
    const badKind = buildOpMsg({ requestId: 1, body: { ping: 1 } });
    badKind[20] = 9;
    expect(() => parseOpMsg(badKind)).toThrow(MalformedMessageError);
    const noBody = Buffer.alloc(20);
    noBody.writeInt32LE(20, 0);
    noBody.writeInt32LE(2013, 12);
    expect(() => parseOpMsg(noBody)).toThrow(MalformedMessageError);
  });

  it('rejects a body whose declared length overruns the message', () => {
    const message = buildOpMsg({ requestId: 1, body: { ping: 1 } });
    message.writeInt32LE(1000, 21);
    expect(() => parseOpMsg(message)).toThrow(MalformedMessageError);
  });
});

describe('encodeOpMsg', () => {
  it('answers with the request id in responseTo and one body section', () => {
    const reply = encodeOpMsg(5, 42, encodeDocument({ ok: 1 }));
    const header = readHeader(reply);
    expect(header).toEqual({
      messageLength: reply.length,
      requestId: 5,
      responseTo: 42,
      opCode: 2013,
    });
    expect(decodeDocument(opMsgReplyBody(reply))).toEqual({ ok: new Int32(1) });
  });
});
