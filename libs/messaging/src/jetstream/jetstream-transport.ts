import type { INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NestMicroservice } from '@nestjs/microservices';
import { NATS_CONNECTION } from '../nats/nats.constants';
import { ConsumerRegistry } from './consumer-registry';
import { ConsumptionObservers } from './consumption';
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
  const config = app.get(ConfigService);
  // The app's validated JETSTREAM_ACK_WAIT_MS (ServiceEnv), unless the caller chose one.
  const ackWaitMs = config.get<number>('JETSTREAM_ACK_WAIT_MS');
  // ServiceEnv's NATS_STREAM_REPLICAS: 3 on a three-server cluster (the ha overlay).
  const replicas = config.get<number>('NATS_STREAM_REPLICAS');
  const strategy = new JetStreamServer(
    app.get(NATS_CONNECTION),
    app.get(ConsumerRegistry),
    app.get(ConsumptionObservers),
    { ...(ackWaitMs === undefined ? {} : { ackWaitMs }), ...options },
    replicas === undefined ? undefined : { replicas },
  );
  // Its own config (not the HTTP app's), so this filter stays on the JetStream side; listeners
  // are registered at start, after the filter is in place.
  const microservice = app.connectMicroservice({ strategy }, { deferInitialization: true });
  microservice.useGlobalFilters(new JetStreamExceptionFilter());
  // A deferred microservice would run the whole app's init and bootstrap hooks when it starts,
  // and the app's own init would run them a second time: leave them to the app.
  (microservice as NestMicroservice).setIsInitHookCalled(true);
}
