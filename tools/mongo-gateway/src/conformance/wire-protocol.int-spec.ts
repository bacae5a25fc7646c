import { Long, UUID, type Document } from 'bson';
import { waitFor } from '@polyshop/testing';
import { decodeDocument } from '../bson/bson-values';
import type { RunningGateway } from '../server/gateway';
import { RawWireClient, startTestGateway, uniqueDatabaseName } from '../testing/gateway-harness';
import {
  buildOpMsg,
  buildOpQuery,
  opMsgReplyBody,
  opReplyDocument,
} from '../testing/wire-messages';
import { readHeader } from '../wire/opcodes';

const plain = (document: Document): Document => JSON.parse(JSON.stringify(document)) as Document;

describe('mongo-gateway at the wire level', () => {
  const database = uniqueDatabaseName('wire');
  let gateway: RunningGateway;
  let client: RawWireClient;
  let requestId = 0;

  const command = async (body: Document, extra: Partial<Parameters<typeof buildOpMsg>[0]> = {}) => {
    const reply = await client.request(
      buildOpMsg({
        requestId: ++requestId,
        body: { ...body, $db: (body.$db as string | undefined) ?? database },
        ...extra,
      }),
    );
    return plain(decodeDocument(opMsgReplyBody(reply)));
  };
  const countOf = async (collection: string) =>
    (await command({ count: collection, query: {} })).n as number;

  beforeAll(async () => {
    gateway = await startTestGateway();
    client = await RawWireClient.connect(gateway.port);
  });

  afterAll(async () => {
    await command({ dropDatabase: 1 });
    client.close();
    await gateway.close();
  });

  it('answers the legacy OP_QUERY isMaster handshake with an OP_REPLY', async () => {
    const reply = await client.request(
      buildOpQuery(++requestId, 'admin.$cmd', { isMaster: 1, helloOk: true }),
    );

    expect(readHeader(reply)).toMatchObject({ opCode: 1, responseTo: requestId });
    expect(plain(decodeDocument(opReplyDocument(reply)))).toMatchObject({
      ismaster: true,
      helloOk: true,
      setName: 'rs0',
      ok: 1,
    });
  });

  it('inserts documents sent as an OP_MSG document sequence with a checksum', async () => {
    const reply = await command(
      { insert: 'sequenced' },
      {
        checksum: true,
        sequences: [{ identifier: 'documents', documents: [{ _id: 1 }, { _id: 2 }, { _id: 3 }] }],
      },
    );

    expect(reply).toEqual({ n: 3, ok: 1 });
    expect(await countOf('sequenced')).toBe(3);
  });

  it('answers a malformed message with an error and keeps the connection usable', async () => {
    const broken = buildOpMsg({ requestId: ++requestId, body: { ping: 1, $db: database } });
    broken[20] = 7; // an unknown section kind

    const reply = plain(decodeDocument(opMsgReplyBody(await client.request(broken))));

    expect(reply).toMatchObject({ ok: 0, code: 17, codeName: 'ProtocolError' });
    expect(await command({ ping: 1 })).toEqual({ ok: 1 });
  });

  it('answers an unknown command with CommandNotFound', async () => {
    expect(await command({ notACommand: 1 })).toMatchObject({
      ok: 0,
      code: 59,
      codeName: 'CommandNotFound',
    });
  });

  it('runs a moreToCome (w:0) write without replying to it', async () => {
    client.send(
      buildOpMsg({
        requestId: ++requestId,
        body: { insert: 'fire_and_forget', documents: [{ _id: 'x' }], $db: database },
        moreToCome: true,
      }),
    );

    expect(await countOf('fire_and_forget')).toBe(1);
  });

  it('closes only the offending connection on an impossible message length', async () => {
    const vandal = await RawWireClient.connect(gateway.port);
    const garbage = Buffer.alloc(16);
    garbage.writeInt32LE(-5, 0);

    vandal.send(garbage);

    await vandal.closed;
    expect(await command({ ping: 1 })).toEqual({ ok: 1 });
  });

  it('rolls back the open transaction of a session that ends', async () => {
    const lsid = { id: new UUID() };
    const txnNumber = Long.fromNumber(1);
    const inserted = await command({
      insert: 'ended',
      documents: [{ _id: 1 }],
      lsid,
      txnNumber,
      startTransaction: true,
      autocommit: false,
    });
    expect(inserted).toEqual({ n: 1, ok: 1 });
    expect(gateway.stats().openTransactions).toBe(1);

    expect(await command({ endSessions: [lsid] }, {})).toEqual({ ok: 1 });

    expect(gateway.stats().openTransactions).toBe(0);
    expect(await countOf('ended')).toBe(0);
    expect(
      await command({ commitTransaction: 1, lsid, txnNumber, autocommit: false, $db: 'admin' }),
    ).toMatchObject({
      ok: 0,
      code: 251,
    });
  });

  it('deduplicates a retried write that carries the same lsid and txnNumber', async () => {
    const retryable = {
      update: 'retried',
      updates: [{ q: { _id: 1 }, u: { $inc: { n: 1 } }, upsert: true }],
      lsid: { id: new UUID() },
      txnNumber: Long.fromNumber(7),
    };

    await command(retryable);
    await command(retryable);

    expect(await command({ find: 'retried', filter: {} })).toMatchObject({
      cursor: { firstBatch: [{ _id: 1, n: 1 }] },
    });
  });

  it('answers requests already in flight, then rolls back open transactions on shutdown', async () => {
    await command({ insert: 'locked', documents: [{ _id: 1, n: 0 }] });
    const holder = { lsid: { id: new UUID() }, txnNumber: Long.fromNumber(1), autocommit: false };
    await command({
      update: 'locked',
      updates: [{ q: { _id: 1 }, u: { $inc: { n: 1 } } }],
      ...holder,
      startTransaction: true,
    });
    const stopping = await startTestGateway();
    const doomed = await RawWireClient.connect(stopping.port);
    const doomedRequest = async (id: number, body: Document) =>
      plain(
        decodeDocument(
          opMsgReplyBody(
            await doomed.request(buildOpMsg({ requestId: id, body: { ...body, $db: database } })),
          ),
        ),
      );
    const opened = await doomedRequest(1, {
      insert: 'interrupted',
      documents: [{ _id: 1 }],
      lsid: { id: new UUID() },
      txnNumber: Long.fromNumber(1),
      startTransaction: true,
      autocommit: false,
    });
    expect(opened).toEqual({ n: 1, ok: 1 });
    // Blocks on the row lock of the other gateway's transaction: in flight when shutdown starts.
    const blocked = doomedRequest(2, {
      update: 'locked',
      updates: [{ q: { _id: 1 }, u: { $inc: { n: 10 } } }],
    });
    await waitFor(
      () => Promise.resolve(stopping.stats().inFlightRequests),
      (inFlight) => inFlight === 1,
    );

    const closing = stopping.close();
    await command({ commitTransaction: 1, ...holder, $db: 'admin' });

    expect(await blocked).toMatchObject({ n: 1, nModified: 1, ok: 1 });
    await closing;
    await doomed.closed;
    expect(stopping.stats()).toMatchObject({
      connections: 0,
      openTransactions: 0,
      inFlightRequests: 0,
    });
    expect(await countOf('interrupted')).toBe(0);
    expect(await command({ find: 'locked', filter: {} })).toMatchObject({
      cursor: { firstBatch: [{ _id: 1, n: 11 }] },
    });
  });
});
