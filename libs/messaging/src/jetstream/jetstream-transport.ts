import type { INestApplication } from '@nestjs/common';
import { NATS_CONNECTION } from '../nats/nats.constants';
import { ConsumerRegistry } from './consumer-registry';
import { JetStreamExceptionFilter } from './jetstream-exception.filter';
import type { JetStreamConsumerOptions } from './jetstream.options';
import { JetStreamServer } from './jetstream.server';

/**
 * Connects the JetStream transport to an app, on the app's shared NATS connection, so that its
 * `@OnEvent` handlers consume once microservices start. Pass it as `bootstrapService`'s
 * `connect` hook.
 */
export function connectJetStream(
  app: INestApplication,
  options: Partial<JetStreamConsumerOptions> & Pick<JetStreamConsumerOptions, 'service'>,
): void {
  const strategy = new JetStreamServer(
    app.get(NATS_CONNECTION),
    app.get(ConsumerRegistry),
    options,
  );
  // Its own config (not the HTTP app's), so this filter stays on the JetStream side; listeners
  // are registered at start, after the filter is in place.
  app
    .connectMicroservice({ strategy }, { deferInitialization: true })
    .useGlobalFilters(new JetStreamExceptionFilter());
}
