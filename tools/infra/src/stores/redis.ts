import fs from 'node:fs';
import path from 'node:path';
import Redis from 'ioredis';
import { LOCAL_INFRA } from '@polyshop/config';
import { Daemon } from '../daemon';
import { DaemonStore, type Launch } from '../daemon-store';
import type { InfraSettings } from '../settings';
import type { Endpoint } from '../store';

const REDIS_SERVER = '/usr/bin/redis-server';

export interface RedisConfig {
  readonly host: string;
  readonly port: number;
  readonly dir: string;
}

/** Durable enough for stock levels: AOF on, fsync every second, RDB snapshots as a backup. */
export function renderRedisConf({ host, port, dir }: RedisConfig): string {
  return [
    '# Written by tools/infra on every start: change tools/infra/src, not this file.',
    `bind ${host}`,
    `port ${port}`,
    'protected-mode yes',
    'daemonize no',
    `dir ${JSON.stringify(dir)}`,
    'appendonly yes',
    'appendfsync everysec',
    'save 3600 1 300 100 60 10000',
    'logfile ""',
    '',
  ].join('\n');
}

/** Redis for inventory-service, data in `.data/redis-inventory/`. */
export class RedisStore extends DaemonStore {
  readonly name = LOCAL_INFRA.inventoryRedis.name;
  readonly binaries = [{ binary: REDIS_SERVER, debianPackage: 'redis-server' }];
  readonly dataDir: string;
  readonly endpoints: readonly Endpoint[];
  protected readonly host: string;
  protected readonly port: number;
  protected readonly deadlineMs = 30_000;
  protected readonly daemon: Daemon;
  protected readonly logFile: string;
  private readonly configFile: string;

  constructor(settings: InfraSettings) {
    super();
    this.host = settings.host;
    this.port = settings.ports.inventoryRedis;
    this.dataDir = path.join(settings.dataDir, this.name);
    this.configFile = path.join(this.dataDir, 'redis.conf');
    this.logFile = path.join(settings.logsDir, `${this.name}.log`);
    this.daemon = new Daemon({
      pidFile: path.join(settings.runDir, `${this.name}.pid`),
      marker: 'redis-server',
      logFile: this.logFile,
    });
    this.endpoints = [
      {
        name: this.name,
        owner: LOCAL_INFRA.inventoryRedis.owner,
        url: `redis://${this.host}:${this.port}`,
      },
    ];
  }

  protected prepare(): Promise<void> {
    fs.mkdirSync(this.dataDir, { recursive: true });
    fs.writeFileSync(
      this.configFile,
      renderRedisConf({ host: this.host, port: this.port, dir: this.dataDir }),
    );
    return Promise.resolve();
  }

  protected launch(): Launch {
    return { command: REDIS_SERVER, args: [this.configFile] };
  }

  /** PING answers PONG only once the AOF is loaded. */
  protected async probe(): Promise<boolean> {
    const redis = new Redis({
      host: this.host,
      port: this.port,
      lazyConnect: true,
      connectTimeout: 3000,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    redis.on('error', () => undefined);
    try {
      await redis.connect();
      return (await redis.ping()) === 'PONG';
    } finally {
      redis.disconnect();
    }
  }
}
