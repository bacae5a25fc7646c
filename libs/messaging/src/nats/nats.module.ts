import {
  Inject,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { natsConnectionOptions } from '@polyshop/config';
import { connect, type NatsConnection } from 'nats';
import { NATS_CONNECTION } from './nats.constants';

/**
 * One NATS connection per service process, shared by everything that talks to the broker
 * (JetStream publishing and consuming, health). It waits for the broker on first connect and
 * reconnects forever afterwards: an outage makes the service unready, never kills it.
 * The broker's address, and the NATS user it logs in as, are the validated `NATS_URL` of the
 * app's config.
 */
@Module({})
export class NatsModule implements OnApplicationShutdown {
  private readonly logger = new Logger(NatsModule.name);

  constructor(@Inject(NATS_CONNECTION) private readonly connection: NatsConnection) {}

  /** @param name client name, shown by the broker's monitoring endpoints */
  static forRoot(name: string): DynamicModule {
    return {
      module: NatsModule,
      global: true,
      providers: [
        {
          provide: NATS_CONNECTION,
          inject: [ConfigService],
          useFactory: (config: ConfigService) =>
            connect({
              name,
              ...natsConnectionOptions(config.getOrThrow<string>('NATS_URL')),
              waitOnFirstConnect: true,
              maxReconnectAttempts: -1,
              reconnectTimeWait: 250,
              pingInterval: 10_000,
              // A stack trace per request costs a quarter of a relay's CPU; timeouts still say
              // which subject timed out.
              noAsyncTraces: true,
            }),
        },
      ],
      exports: [NATS_CONNECTION],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.connection.isClosed()) return;
    try {
      await this.connection.drain();
    } catch (error) {
      this.logger.warn(`NATS drain failed, closing: ${String(error)}`);
      await this.connection.close();
    }
  }
}
