import fs from 'node:fs';
import path from 'node:path';
import { LOCAL_INFRA } from '@polyshop/config';
import { Daemon } from '../daemon';
import { DaemonStore, type Launch } from '../daemon-store';
import type { InfraSettings } from '../settings';
import type { Endpoint } from '../store';

const NATS_SERVER = '/usr/sbin/nats-server';
const GIB = 1024 ** 3;

export interface NatsConfig {
  readonly host: string;
  readonly port: number;
  readonly monitorPort: number;
  readonly storeDir: string;
}

export function renderNatsConf({ host, port, monitorPort, storeDir }: NatsConfig): string {
  return [
    '# Written by tools/infra on every start: change tools/infra/src, not this file.',
    'server_name: "polyshop-local"',
    `host: ${JSON.stringify(host)}`,
    `port: ${port}`,
    `http: ${JSON.stringify(`${host}:${monitorPort}`)}`,
    'jetstream {',
    `  store_dir: ${JSON.stringify(storeDir)}`,
    `  max_memory_store: ${GIB / 4}`,
    `  max_file_store: ${8 * GIB}`,
    '}',
    '',
  ].join('\n');
}

/** NATS with JetStream on file storage in `.data/nats/`, client port plus monitoring port. */
export class NatsStore extends DaemonStore {
  readonly name = LOCAL_INFRA.nats.name;
  readonly binaries = [{ binary: NATS_SERVER, debianPackage: 'nats-server' }];
  readonly dataDir: string;
  readonly endpoints: readonly Endpoint[];
  protected readonly host: string;
  protected readonly port: number;
  protected readonly deadlineMs = 30_000;
  protected readonly daemon: Daemon;
  protected readonly logFile: string;
  private readonly monitorPort: number;
  private readonly configFile: string;

  constructor(settings: InfraSettings) {
    super();
    this.host = settings.host;
    this.port = settings.ports.nats;
    this.monitorPort = settings.ports.natsMonitor;
    this.dataDir = path.join(settings.dataDir, this.name);
    this.configFile = path.join(this.dataDir, 'nats.conf');
    this.logFile = path.join(settings.logsDir, `${this.name}.log`);
    this.daemon = new Daemon({
      pidFile: path.join(settings.runDir, `${this.name}.pid`),
      marker: this.configFile,
      logFile: this.logFile,
    });
    this.endpoints = [
      { name: this.name, owner: LOCAL_INFRA.nats.owner, url: `nats://${this.host}:${this.port}` },
      {
        name: LOCAL_INFRA.natsMonitor.name,
        owner: LOCAL_INFRA.natsMonitor.owner,
        url: `http://${this.host}:${this.monitorPort}`,
      },
    ];
  }

  protected override listenPorts() {
    return [
      { name: this.name, port: this.port },
      { name: LOCAL_INFRA.natsMonitor.name, port: this.monitorPort },
    ];
  }

  protected prepare(): Promise<void> {
    fs.mkdirSync(this.dataDir, { recursive: true });
    fs.writeFileSync(
      this.configFile,
      renderNatsConf({
        host: this.host,
        port: this.port,
        monitorPort: this.monitorPort,
        storeDir: this.dataDir,
      }),
    );
    return Promise.resolve();
  }

  protected launch(): Launch {
    return { command: NATS_SERVER, args: ['-c', this.configFile] };
  }

  /** Ready means JetStream is enabled and healthy, not only that the port listens. */
  protected async probe(): Promise<boolean> {
    const response = await fetch(
      `http://${this.host}:${this.monitorPort}/healthz?js-enabled-only=true`,
      { signal: AbortSignal.timeout(3000) },
    );
    const body = (await response.json()) as { status?: string };
    return response.ok && body.status === 'ok';
  }
}
