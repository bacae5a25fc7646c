import { Logger } from '@nestjs/common';
import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  NatsError,
  RetentionPolicy,
  StorageType,
  nanos,
  type ConsumerConfig,
  type JetStreamManager,
  type StreamConfig,
} from 'nats';
import { STREAMS, type StreamDefinition } from '@polyshop/contracts';

const logger = new Logger('JetStreamProvisioning');

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long a message id is remembered for de-duplication (relay resends inside it are dropped). */
export const DUPLICATE_WINDOW_MS = 2 * 60 * 1000;

export interface ProvisioningOptions {
  /** 1 locally; 3 on a clustered NATS (the `ha` overlay). */
  replicas: number;
}

const isNotFound = (error: unknown) => error instanceof NatsError && error.jsError()?.code === 404;

/** Events are kept a week (replays, read models); dead letters a month, to be looked at. */
const retentionDays = (stream: StreamDefinition) =>
  stream.name === STREAMS.DEAD_LETTERS.name ? 30 : 7;

/** The JetStream config of one of the contract's streams. */
export function streamConfig(
  stream: StreamDefinition,
  { replicas }: ProvisioningOptions,
): Partial<StreamConfig> & Pick<StreamConfig, 'name'> {
  return {
    name: stream.name,
    subjects: [...stream.subjects],
    description: stream.description,
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    max_age: nanos(retentionDays(stream) * DAY_MS),
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
    num_replicas: replicas,
  };
}

/** Fields compared to decide whether an existing stream or consumer needs an update. */
const differs = <T extends object>(current: T, wanted: Partial<T>): (keyof T)[] =>
  (Object.keys(wanted) as (keyof T)[]).filter(
    (key) => JSON.stringify(current[key]) !== JSON.stringify(wanted[key]),
  );

/**
 * Creates each stream, or updates it when its config changed: idempotent, run by every service
 * at boot, so no deployment step is needed and a config change is applied, not ignored.
 */
export async function ensureStreams(
  jsm: JetStreamManager,
  streams: readonly StreamDefinition[],
  options: ProvisioningOptions,
): Promise<void> {
  for (const stream of streams) {
    const wanted = streamConfig(stream, options);
    try {
      const { config } = await jsm.streams.info(stream.name);
      const changed = differs(config, wanted);
      if (changed.length > 0) {
        await jsm.streams.update(stream.name, { ...config, ...wanted });
        logger.log(`stream ${stream.name} updated (${changed.join(', ')})`);
      }
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await jsm.streams.add(wanted);
      logger.log(`stream ${stream.name} created`);
    }
  }
}

export interface DurableConsumerSpec {
  stream: string;
  durable: string;
  filterSubject: string;
  ackWaitMs: number;
  /** Our own limit; the broker's is a little higher, as a backstop (see JetStreamServer). */
  maxAttempts: number;
  maxAckPending: number;
}

/** The broker-side config of a durable pull consumer. */
export function consumerConfig(spec: DurableConsumerSpec): Partial<ConsumerConfig> {
  return {
    durable_name: spec.durable,
    filter_subject: spec.filterSubject,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(spec.ackWaitMs),
    max_deliver: spec.maxAttempts + 3,
    max_ack_pending: spec.maxAckPending,
  };
}

/** Creates the durable pull consumer, or updates it when its config changed. */
export async function ensureConsumer(
  jsm: JetStreamManager,
  spec: DurableConsumerSpec,
): Promise<void> {
  const wanted = consumerConfig(spec);
  try {
    const { config } = await jsm.consumers.info(spec.stream, spec.durable);
    const changed = differs(config, wanted);
    if (changed.length > 0) {
      await jsm.consumers.update(spec.stream, spec.durable, wanted);
      logger.log(`consumer ${spec.durable} updated (${changed.join(', ')})`);
    }
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await jsm.consumers.add(spec.stream, wanted);
    logger.log(`consumer ${spec.durable} created on ${spec.stream}`);
  }
}
