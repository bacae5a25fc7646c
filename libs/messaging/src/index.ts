export { NATS_CONNECTION } from './nats/nats.constants';
export { NatsModule } from './nats/nats.module';
export { NatsHealthIndicator } from './nats/nats.health';
