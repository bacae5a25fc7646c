import { Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { DLQ_PATTERNS, type ServiceName } from '@polyshop/contracts';
import type { NatsConnection } from 'nats';
import { MessageContextInterceptor } from './context/message-context.interceptor';
import { ConsumerRegistry } from './jetstream/consumer-registry';
import { DeadLetters } from './jetstream/dead-letters';
import { deadLettersController } from './jetstream/dead-letters.controller';
import { NATS_CONNECTION } from './nats/nats.constants';
import { NatsModule } from './nats/nats.module';
import { EventPublisher } from './publishing/event-publisher';

type ConsumingService = keyof typeof DLQ_PATTERNS;

/**
 * Everything an app needs to talk to the broker: the shared NATS connection, the event
 * publisher, the registry of its durable consumers and its dead letters, which the services
 * that consume events list and replay over request/reply (`rpc.<area>.dlq.*`).
 */
@Module({})
export class MessagingModule {
  static forRoot(service: ServiceName): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: [NatsModule.forRoot(service)],
      providers: [
        { provide: APP_INTERCEPTOR, useClass: MessageContextInterceptor },
        EventPublisher,
        ConsumerRegistry,
        {
          provide: DeadLetters,
          inject: [NATS_CONNECTION],
          useFactory: async (connection: NatsConnection) =>
            new DeadLetters(connection.jetstream(), await connection.jetstreamManager()),
        },
      ],
      controllers:
        service in DLQ_PATTERNS ? [deadLettersController(service as ConsumingService)] : [],
      exports: [EventPublisher, ConsumerRegistry, DeadLetters],
    };
  }
}
