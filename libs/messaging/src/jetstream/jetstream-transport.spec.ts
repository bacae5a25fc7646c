import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { STREAMS } from '@polyshop/contracts';
import type { StreamConfig } from 'nats';
import { NATS_CONNECTION } from '../nats/nats.constants';
import { ConsumerRegistry } from './consumer-registry';
import { ConsumptionObservers } from './consumption';
import { connectJetStream } from './jetstream-transport';
import { streamConfig } from './provisioning';

@Injectable()
class BootCounter implements OnApplicationBootstrap {
  count = 0;

  onApplicationBootstrap(): void {
    this.count++;
  }
}

/** An app with the JetStream transport connected on a stand-in NATS connection. */
async function appWith(env: Record<string, unknown>, connection: object) {
  const moduleRef = await Test.createTestingModule({
    providers: [
      BootCounter,
      ConsumerRegistry,
      ConsumptionObservers,
      { provide: ConfigService, useValue: new ConfigService(env) },
      { provide: NATS_CONNECTION, useValue: { jetstream: () => ({}), ...connection } },
    ],
  }).compile();
  const app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: false });
  connectJetStream(app, { service: 'user-service' });
  return app;
}

describe('connectJetStream', () => {
  it("leaves the app's bootstrap hooks to the app: they run once, when the app starts", async () => {
    const app = await appWith(
      { JETSTREAM_ACK_WAIT_MS: 4_000 },
      { jetstreamManager: () => Promise.reject(new Error('no broker in this test')) },
    );

    await expect(app.startAllMicroservices()).rejects.toThrow('no broker in this test');
    expect(app.get(BootCounter).count).toBe(0);
    await app.init();
    expect(app.get(BootCounter).count).toBe(1);
    await app.close();
  });

  it("provisions every stream with the app's NATS_STREAM_REPLICAS", async () => {
    const streams = Object.values(STREAMS);
    const updates: Array<Partial<StreamConfig>> = [];
    const jsm = {
      streams: {
        // Every stream exists with one replica, as apps with the default left them.
        info: (name: string) => {
          const stream = streams.find((s) => s.name === name);
          if (!stream) throw new Error(`no stream ${name} in the contracts`);
          return Promise.resolve({ config: streamConfig(stream, { replicas: 1 }) });
        },
        update: (_name: string, config: Partial<StreamConfig>) => {
          updates.push(config);
          return Promise.resolve({ config });
        },
      },
    };
    const app = await appWith(
      { NATS_STREAM_REPLICAS: 3 },
      { jetstreamManager: () => Promise.resolve(jsm) },
    );

    await app.startAllMicroservices();
    expect(updates.map((config) => [config.name, config.num_replicas])).toEqual(
      streams.map((stream) => [stream.name, 3]),
    );
    await app.close();
  });
});
