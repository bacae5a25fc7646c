import fs from 'node:fs';
import path from 'node:path';
import { LOCAL_INFRA } from '@polyshop/config';
import { Daemon } from '../daemon';
import { DaemonStore, type Launch } from '../daemon-store';
import type { InfraSettings } from '../settings';
import type { Endpoint, Log, StoreStatus, UpOutcome } from '../store';
import { documentdbUrl } from './documentdb';
import { mongoHello } from './mongo-hello';

const ENTRY = 'tools/mongo-gateway/src/main.ts';

/**
 * The project's MongoDB wire-protocol gateway in front of DocumentDB: what product-service
 * (Mongoose) connects to. Runs from source with tsx.
 */
export class MongoGatewayStore extends DaemonStore {
  readonly name = LOCAL_INFRA.productMongo.name;
  readonly binaries = [];
  override readonly dependsOn = [LOCAL_INFRA.documentdb.name];
  readonly endpoints: readonly Endpoint[];
  protected readonly host: string;
  protected readonly port: number;
  protected readonly deadlineMs = 30_000;
  protected readonly daemon: Daemon;
  protected readonly logFile: string;
  private readonly entry: string;

  constructor(private readonly settings: InfraSettings) {
    super();
    this.host = settings.host;
    this.port = settings.ports.productMongo;
    this.entry = path.join(settings.repoRoot, ENTRY);
    this.logFile = path.join(settings.logsDir, `${this.name}.log`);
    this.daemon = new Daemon({
      pidFile: path.join(settings.runDir, `${this.name}.pid`),
      marker: this.entry,
      logFile: this.logFile,
    });
    this.endpoints = [
      {
        name: this.name,
        owner: LOCAL_INFRA.productMongo.owner,
        url: `mongodb://${this.host}:${this.port}`,
      },
    ];
  }

  private get absentReason() {
    return fs.existsSync(this.entry) ? undefined : `${ENTRY} does not exist yet`;
  }

  override async up(log: Log): Promise<UpOutcome> {
    const reason = this.absentReason;
    if (reason !== undefined) return { state: 'skipped', reason };
    return super.up(log);
  }

  override async status(): Promise<StoreStatus> {
    const reason = this.absentReason;
    return reason === undefined ? super.status() : { state: 'absent', reason };
  }

  protected prepare(): Promise<void> {
    return Promise.resolve(); // stateless: its data lives in DocumentDB
  }

  protected launch(): Launch {
    return {
      command: process.execPath,
      args: ['--import', 'tsx', this.entry],
      cwd: this.settings.repoRoot,
      env: {
        ...process.env,
        MONGO_GATEWAY_HOST: this.host,
        MONGO_GATEWAY_PORT: String(this.port),
        DOCUMENTDB_URL: documentdbUrl(this.host, this.settings.ports.documentdb),
        // tsx resolves `@polyshop/*` through these paths (there is no root tsconfig.json).
        TSX_TSCONFIG_PATH: path.join(this.settings.repoRoot, 'tsconfig.base.json'),
      },
    };
  }

  /** A real OP_MSG `hello`, as the first thing every MongoDB driver sends. */
  protected async probe(): Promise<boolean> {
    const reply = await mongoHello(this.host, this.port);
    return Number(reply.ok) === 1;
  }
}
