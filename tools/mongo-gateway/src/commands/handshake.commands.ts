import { ObjectId, type Document } from 'bson';
import { isTruthy } from '../bson/bson-values';
import { MongoCommandError } from '../errors/mongo-error';
import {
  MAX_BSON_OBJECT_SIZE,
  MAX_MESSAGE_SIZE_BYTES,
  MAX_WRITE_BATCH_SIZE,
} from '../wire/opcodes';
import type {
  CommandContext,
  CommandHandler,
  CommandTable,
  ConnectionInfo,
} from './command-context';
import { LOGICAL_SESSION_TIMEOUT_MINUTES } from './session.commands';

/** MongoDB 7.0's wire version; drivers 6.x need at least 17 for their current features. */
export const MAX_WIRE_VERSION = 21;
export const SERVER_VERSION = '7.0.0';

// Constant: there is one primary forever, so no election can make it stale.
const ELECTION_ID = new ObjectId('7fffffff0000000000000001');

/** `host:port` as the client reached the gateway, so the replica set's member list matches. */
export function advertisedAddress(connection: ConnectionInfo): string {
  const host = connection.localAddress.replace(/^::ffff:/, '');
  return host.includes(':')
    ? `[${host}]:${connection.localPort}`
    : `${host}:${connection.localPort}`;
}

/**
 * The gateway presents itself as the primary of a one-member replica set: drivers refuse
 * transactions and retryable writes on a standalone server. No `topologyVersion` is sent, so
 * drivers poll hello instead of streaming it, and no `compression` is offered.
 */
function helloReply({ request, connection, gateway }: CommandContext, legacy: boolean): Document {
  const me = advertisedAddress(connection);
  return {
    ...(isTruthy(request.body.helloOk) ? { helloOk: true } : {}),
    ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
    secondary: false,
    setName: gateway.setName,
    setVersion: 1,
    electionId: ELECTION_ID,
    hosts: [me],
    primary: me,
    me,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_SIZE_BYTES,
    maxWriteBatchSize: MAX_WRITE_BATCH_SIZE,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: LOGICAL_SESSION_TIMEOUT_MINUTES,
    connectionId: connection.id,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ok: 1,
  };
}

const hello: CommandHandler = (context) => Promise.resolve(helloReply(context, false));
const isMaster: CommandHandler = (context) => Promise.resolve(helloReply(context, true));
const ping: CommandHandler = () => Promise.resolve({ ok: 1 });

const buildInfo: CommandHandler = ({ gateway }) =>
  Promise.resolve({
    version: SERVER_VERSION,
    gitVersion: 'mongo-gateway',
    versionArray: [7, 0, 0, 0],
    bits: 64,
    debug: false,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    storageEngines: ['documentdb'],
    javascriptEngine: 'none',
    modules: [],
    documentdb: gateway.engineVersion,
    ok: 1,
  });

/** Clients that put credentials in the URI get a clear answer instead of "no such command". */
const authentication: CommandHandler = () =>
  Promise.reject(
    MongoCommandError.of(
      'AuthenticationFailed',
      'mongo-gateway does not support authentication; connect without credentials',
    ),
  );

export const handshakeCommands: CommandTable = {
  hello,
  isMaster,
  ismaster: isMaster,
  ping,
  buildInfo,
  buildinfo: buildInfo,
  saslStart: authentication,
  saslContinue: authentication,
  authenticate: authentication,
  logout: ping,
};
