import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { NATS_CONNECTION } from '../nats/nats.constants';
import { ConsumerRegistry } from './consumer-registry';
import { connectJetStream } from './jetstream-transport';

@Injectable()
class BootCounter implements OnApplicationBootstrap {
  count = 0;

  onApplicationBootstrap(): void {
    this.count++;
  }
}

describe('connectJetStream', () => {
  it("leaves the app's bootstrap hooks to the app: they run once, when the app starts", async () => {
    const connection = {
      jetstream: () => ({}),
      jetstreamManager: () => Promise.reject(new Error('no broker in this test')),
    };
    const moduleRef = await Test.createTestingModule({
      providers: [
        BootCounter,
        ConsumerRegistry,
        { provide: ConfigService, useValue: new ConfigService({ JETSTREAM_ACK_WAIT_MS: 4_000 }) },
        { provide: NATS_CONNECTION, useValue: connection },
      ],
    }).compile();
    const app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: false });
    connectJetStream(app, { service: 'user-service' });

    await expect(app.startAllMicroservices()).rejects.toThrow('no broker in this test');
    expect(app.get(BootCounter).count).toBe(0);
    await app.init();
    expect(app.get(BootCounter).count).toBe(1);
    await app.close();
  });
});
