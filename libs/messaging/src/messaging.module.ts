import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceName } from '@polyshop/contracts';
import type { NatsConnection } from 'nats';
import { ConsumerRegistry } from './jetstream/consumer-registry';
import { DeadLetters } from './jetstream/dead-letters';
import { NATS_CONNECTION } from './nats/nats.constants';
import { NatsModule } from './nats/nats.module';
import { EventPublisher } from './publishing/event-publisher';

/**
 * Everything an app needs to talk to the broker: the shared NATS connection, the event
 * publisher, the registry of its durable consumers and its dead letters.
 */
@Module({})
export class MessagingModule {
  static forRoot(service: ServiceName): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: [NatsModule.forRoot(service)],
      providers: [
        EventPublisher,
        ConsumerRegistry,
        {
          provide: DeadLetters,
          inject: [NATS_CONNECTION],
          useFactory: async (connection: NatsConnection) =>
            new DeadLetters(connection.jetstream(), await connection.jetstreamManager()),
        },
      ],
      exports: [EventPublisher, ConsumerRegistry, DeadLetters],
    };
  }
}
