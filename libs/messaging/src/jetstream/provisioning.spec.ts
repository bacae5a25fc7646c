import { STREAMS } from '@polyshop/contracts';
import { AckPolicy, nanos } from 'nats';
import { consumerConfig, DUPLICATE_WINDOW_MS, streamConfig } from './provisioning';

describe('stream and consumer configs', () => {
  it('stores events on disk with a duplicate window for Nats-Msg-Id de-duplication', () => {
    const config = streamConfig(STREAMS.ORDER, { replicas: 3 });
    expect(config).toMatchObject({
      name: 'ORDER',
      subjects: ['order.>'],
      storage: 'file',
      num_replicas: 3,
      duplicate_window: nanos(DUPLICATE_WINDOW_MS),
    });
  });

  it('keeps dead letters longer than events', () => {
    const events = streamConfig(STREAMS.ORDER, { replicas: 1 }).max_age ?? 0;
    const deadLetters = streamConfig(STREAMS.DEAD_LETTERS, { replicas: 1 }).max_age ?? 0;
    expect(deadLetters).toBeGreaterThan(events);
  });

  it('acks explicitly, bounds deliveries just above our own attempt limit, and caps in-flight work', () => {
    const config = consumerConfig({
      stream: 'ORDER',
      durable: 'inventory-order-placed-v1',
      filterSubject: 'order.placed.v1',
      ackWaitMs: 30_000,
      maxAttempts: 5,
      maxAckPending: 64,
    });
    expect(config).toMatchObject({
      durable_name: 'inventory-order-placed-v1',
      filter_subject: 'order.placed.v1',
      ack_policy: AckPolicy.Explicit,
      ack_wait: nanos(30_000),
      max_ack_pending: 64,
    });
    expect(config.max_deliver).toBeGreaterThan(5);
  });
});
