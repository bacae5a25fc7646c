import { Test } from '@nestjs/testing';
import { MetricsRegistry } from '@polyshop/observability';
import { EventPublisher } from '../publishing/event-publisher';
import type { OutgoingEvent, PublishOutcome } from '../publishing/outgoing-event';
import { OutboxRelay } from './outbox-relay';
import { provideOutboxRelay } from './outbox-relay.provider';
import type { ClaimedEvent, OutboxStore } from './outbox-store';

const STORE_CLIENT = 'STORE_CLIENT';

/** Lets the event loop turn until `condition` holds (a fake store and publisher answer at once). */
async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 1_000 && !condition(); turn++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(condition()).toBe(true);
}

describe('provideOutboxRelay', () => {
  it('builds the relay from injected providers, with its metrics, starts it on bootstrap and stops it on shutdown', async () => {
    const event: ClaimedEvent = {
      id: 'e-1',
      subject: 's',
      payload: '{}',
      headers: {},
      ref: '1',
      attempts: 1,
      appendedAt: 0,
    };
    const pending = [event];
    const claim = jest.fn(() => Promise.resolve(pending.splice(0)));
    const markPublished = jest.fn((_events: readonly ClaimedEvent[]) => Promise.resolve());
    const store: OutboxStore = {
      claim,
      markPublished,
      release: jest.fn(() => Promise.resolve()),
      purgePublished: jest.fn(() => Promise.resolve(0)),
      backlog: () => Promise.resolve({ count: pending.length, oldestAppendedAt: null }),
    };
    const registry = new MetricsRegistry('test-service');
    const publisher = {
      publishBatch: jest.fn((events: readonly OutgoingEvent[]) =>
        Promise.resolve(
          events.map((e): PublishOutcome => ({ id: e.id, ok: true, duplicate: false, seq: 1 })),
        ),
      ),
    };
    const storeFactory = jest.fn((client: { store: OutboxStore }) => client.store);
    const moduleRef = await Test.createTestingModule({
      providers: [
        { provide: EventPublisher, useValue: publisher },
        { provide: MetricsRegistry, useValue: registry },
        { provide: STORE_CLIENT, useValue: { store } },
        provideOutboxRelay({
          inject: [STORE_CLIENT],
          store: storeFactory,
          options: { logger: { log: jest.fn(), warn: jest.fn(), error: jest.fn() } },
        }),
      ],
    }).compile();

    await moduleRef.init();
    const relay = moduleRef.get(OutboxRelay);
    expect(storeFactory).toHaveBeenCalledWith({ store });
    await until(() => relay.stats().published === 1);
    expect(markPublished).toHaveBeenCalledWith([event]);
    const metrics = await registry.metrics();
    expect(metrics).toContain(
      'polyshop_outbox_events_published_total{subject="s",service="test-service"} 1',
    );
    expect(metrics).toContain('polyshop_outbox_backlog_events{service="test-service"} 0');

    await moduleRef.close();
    const claims = claim.mock.calls.length;
    relay.kick();
    expect(claim.mock.calls.length).toBe(claims);
  });
});
