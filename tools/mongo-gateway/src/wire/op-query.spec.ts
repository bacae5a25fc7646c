import { decodeDocument, encodeDocument } from '../bson/bson-values';
import { buildOpQuery, opReplyDocument } from '../testing/wire-messages';
import { readHeader } from './opcodes';
import { encodeOpReply, parseOpQuery } from './op-query';

describe('OP_QUERY', () => {
  it('reads the namespace and the command of a legacy handshake', () => {
    const request = parseOpQuery(buildOpQuery(3, 'admin.$cmd', { isMaster: 1, helloOk: true }));
    expect(request.requestId).toBe(3);
    expect(request.fullCollectionName).toBe('admin.$cmd');
    expect(decodeDocument(request.query)).toMatchObject({ helloOk: true });
  });

  it('answers with an OP_REPLY holding exactly one document', () => {
    const reply = encodeOpReply(9, 3, encodeDocument({ ismaster: true, ok: 1 }));
    expect(readHeader(reply)).toEqual({
      messageLength: reply.length,
      requestId: 9,
      responseTo: 3,
      opCode: 1,
    });
    expect(reply.readInt32LE(32)).toBe(1);
    expect(decodeDocument(opReplyDocument(reply))).toMatchObject({ ismaster: true });
  });
});
