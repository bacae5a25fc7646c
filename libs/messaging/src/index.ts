export * from './context/message-context';
export { JetStreamContext } from './jetstream/jetstream.context';
export { JetStreamHealthIndicator } from './jetstream/jetstream.health';
export { connectJetStream } from './jetstream/jetstream-transport';
export { JetStreamServer } from './jetstream/jetstream.server';
export {
  DEFAULT_CONSUMER_OPTIONS,
  type JetStreamConsumerOptions,
} from './jetstream/jetstream.options';
export { DeadLetters, type DeadLetter } from './jetstream/dead-letters';
export { OnEvent, JETSTREAM_TRANSPORT } from './jetstream/on-event.decorator';
export { MessagingModule } from './messaging.module';
export { NATS_CONNECTION } from './nats/nats.constants';
export { NatsHealthIndicator } from './nats/nats.health';
export { NatsModule } from './nats/nats.module';
export { EventPublisher } from './publishing/event-publisher';
export { HEADERS } from './publishing/headers';
export type { OutgoingEvent, PublishOutcome } from './publishing/outgoing-event';
export { createOutgoingEvent, type OutgoingEventOptions } from './publishing/create-outgoing-event';
