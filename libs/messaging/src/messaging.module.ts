import { Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { DLQ_PATTERNS, type ServiceName } from '@polyshop/contracts';
import { MetricsRegistry } from '@polyshop/observability';
import type { NatsConnection } from 'nats';
import { MessageContextInterceptor } from './context/message-context.interceptor';
import { ConsumerPendingMetrics } from './jetstream/consumer-pending.metrics';
import { ConsumerRegistry } from './jetstream/consumer-registry';
import { ConsumptionObservers } from './jetstream/consumption';
import { ConsumptionMetrics } from './jetstream/consumption.metrics';
import { DeadLetters } from './jetstream/dead-letters';
import { deadLettersController } from './jetstream/dead-letters.controller';
import { NATS_CONNECTION } from './nats/nats.constants';
import { NatsModule } from './nats/nats.module';
import { EventPublisher } from './publishing/event-publisher';

type ConsumingService = keyof typeof DLQ_PATTERNS;

/**
 * Everything an app needs to talk to the broker: the shared NATS connection, the event
 * publisher, the registry of its durable consumers and its dead letters, which the services
 * that consume events list and replay over request/reply (`rpc.<area>.dlq.*`), and the
 * consumers' metrics in the app's `MetricsRegistry`.
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
        ConsumptionObservers,
        {
          provide: ConsumptionMetrics,
          inject: [MetricsRegistry, ConsumptionObservers],
          useFactory: (registry: MetricsRegistry, observers: ConsumptionObservers) => {
            const metrics = new ConsumptionMetrics(registry);
            observers.add(metrics);
            return metrics;
          },
        },
        {
          provide: ConsumerPendingMetrics,
          inject: [MetricsRegistry, ConsumerRegistry, NATS_CONNECTION],
          useFactory: (
            registry: MetricsRegistry,
            consumers: ConsumerRegistry,
            connection: NatsConnection,
          ) => new ConsumerPendingMetrics(registry, consumers, connection),
        },
        {
          provide: DeadLetters,
          inject: [NATS_CONNECTION],
          useFactory: async (connection: NatsConnection) =>
            new DeadLetters(connection.jetstream(), await connection.jetstreamManager()),
        },
      ],
      controllers:
        service in DLQ_PATTERNS ? [deadLettersController(service as ConsumingService)] : [],
      exports: [EventPublisher, ConsumerRegistry, ConsumptionObservers, DeadLetters],
    };
  }
}
