import { hostname, totalmem, cpus, arch, type as osType, release } from 'node:os';
import type { Document } from 'bson';
import { isTruthy } from '../bson/bson-values';
import { MongoCommandError } from '../errors/mongo-error';
import type { CommandHandler, CommandTable } from './command-context';
import { advertisedAddress, SERVER_VERSION } from './handshake.commands';

const FEATURE_COMPATIBILITY_VERSION = { version: '7.0' };

/** Only the parameters drivers and shells ask for exist; `'*'` lists them all. */
const getParameter: CommandHandler = ({ request }) => {
  const all = request.body.getParameter === '*';
  const reply: Document = {};
  if (all || isTruthy(request.body.featureCompatibilityVersion)) {
    reply.featureCompatibilityVersion = FEATURE_COMPATIBILITY_VERSION;
  }
  if (all || isTruthy(request.body.transactionLifetimeLimitSeconds)) {
    reply.transactionLifetimeLimitSeconds = 60;
  }
  if (Object.keys(reply).length === 0) {
    return Promise.reject(MongoCommandError.of('InvalidOptions', 'no option found to get'));
  }
  return Promise.resolve({ ...reply, ok: 1 });
};

const serverStatus: CommandHandler = ({ connection, gateway }) => {
  const uptimeMillis = Date.now() - gateway.startedAt.getTime();
  const { current, totalCreated } = gateway.connectionCounts();
  return Promise.resolve({
    host: advertisedAddress(connection),
    version: SERVER_VERSION,
    process: 'mongo-gateway',
    pid: process.pid,
    uptime: Math.floor(uptimeMillis / 1000),
    uptimeMillis,
    localTime: new Date(),
    connections: { current, available: 1_000_000 - current, totalCreated },
    ok: 1,
  });
};

const hostInfo: CommandHandler = () =>
  Promise.resolve({
    system: {
      currentTime: new Date(),
      hostname: hostname(),
      cpuAddrSize: 64,
      memSizeMB: Math.round(totalmem() / (1024 * 1024)),
      numCores: cpus().length,
      cpuArch: arch(),
    },
    os: { type: osType(), name: osType(), version: release() },
    extra: {},
    ok: 1,
  });

const replSetGetStatus: CommandHandler = ({ connection, gateway }) =>
  Promise.resolve({
    set: gateway.setName,
    date: new Date(),
    myState: 1,
    members: [
      {
        _id: 0,
        name: advertisedAddress(connection),
        health: 1,
        state: 1,
        stateStr: 'PRIMARY',
        self: true,
      },
    ],
    ok: 1,
  });

const listCommands: CommandHandler = ({ gateway }) =>
  Promise.resolve({
    commands: Object.fromEntries(gateway.commandNames().map((name) => [name, {}])),
    ok: 1,
  });

const whatsmyuri: CommandHandler = ({ connection }) =>
  Promise.resolve({ you: `${connection.remoteAddress}:${connection.remotePort}`, ok: 1 });

export const diagnosticsCommands: CommandTable = {
  getParameter,
  serverStatus,
  hostInfo,
  replSetGetStatus,
  listCommands,
  whatsmyuri,
  getCmdLineOpts: () => Promise.resolve({ argv: ['mongo-gateway'], parsed: {}, ok: 1 }),
  getLog: () => Promise.resolve({ totalLinesWritten: 0, log: [], ok: 1 }),
  connectionStatus: () =>
    Promise.resolve({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 }),
};
