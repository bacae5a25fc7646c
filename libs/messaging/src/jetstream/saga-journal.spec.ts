import { createEnvelope, type UntimedDeliveryEntry } from '@polyshop/contracts';
import { runInMessageContext } from '@polyshop/observability';
import { ConsumptionObservers, type Consumption } from './consumption';
import { createOutgoingEvent } from '../publishing/create-outgoing-event';
import { journalSagaDeliveries, publishedJournalEntry } from './saga-journal';

const ORDER_ID = '6f1c1f64-3a53-4f7e-9a57-3f7d0c0a9b10';

const delivery = (outcome: Consumption['outcome'], attempt: number): Consumption => ({
  service: 'order-service',
  subject: 'inventory.stock-reserved.v1',
  durable: 'order-inventory-stock-reserved-v1',
  attempt,
  outcome,
  envelope: createEnvelope(
    'inventory.stock-reserved.v1',
    {
      orderId: ORDER_ID,
      items: [{ productId: '64b7f0c2a1b2c3d4e5f60718', quantity: 1 }],
      expiresAt: new Date().toISOString(),
    },
    { correlationId: ORDER_ID, causationId: null },
  ),
  ...(outcome === 'DEAD_LETTERED' ? { reason: 'RETRIES_EXHAUSTED' as const } : {}),
  detail: 'store down',
  durationMs: 1,
});

describe('journalSagaDeliveries', () => {
  it("appends one order's entries one after the other, in the order the deliveries ended", async () => {
    const observers = new ConsumptionObservers();
    const appended: string[] = [];
    let releaseFirst: () => void = () => undefined;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    const append = jest.fn(async (_orderId: string, entry: UntimedDeliveryEntry) => {
      // The first insert is slow: the second must not overtake it.
      if (append.mock.calls.length === 1) await firstHeld;
      appended.push(entry.kind === 'CONSUMED' ? `${entry.outcome}` : entry.kind);
    });
    journalSagaDeliveries(observers, ['RETRIED', 'DEAD_LETTERED'], append);

    observers.notify(delivery('RETRIED', 5));
    observers.notify(delivery('DEAD_LETTERED', 6));
    observers.notify(delivery('PROCESSED', 1));
    await Promise.resolve();
    expect(append).toHaveBeenCalledTimes(1);
    releaseFirst();

    await new Promise((resolve) => setImmediate(resolve));
    expect(appended).toEqual(['RETRIED', 'DEAD_LETTERED']);
  });

  it('goes on with the next entry when an append fails', async () => {
    const observers = new ConsumptionObservers();
    const append = jest
      .fn<Promise<unknown>, [string, UntimedDeliveryEntry]>()
      .mockRejectedValueOnce(new Error('store down'))
      .mockResolvedValue(undefined);
    journalSagaDeliveries(observers, ['RETRIED', 'DEAD_LETTERED'], append);

    observers.notify(delivery('RETRIED', 5));
    observers.notify(delivery('DEAD_LETTERED', 6));
    await new Promise((resolve) => setImmediate(resolve));

    expect(append).toHaveBeenCalledTimes(2);
  });
});

describe('publishedJournalEntry', () => {
  it('names the event, its producer, its cause (from its headers) and whether it compensates', () => {
    // Published while handling event `cause-1`, which its headers then name.
    const released = runInMessageContext({ correlationId: ORDER_ID, causationId: 'cause-1' }, () =>
      createOutgoingEvent('inventory.stock-released.v1', {
        orderId: ORDER_ID,
        items: [],
        reason: 'PAYMENT_FAILED',
      }),
    );

    expect(publishedJournalEntry(released, 'inventory')).toEqual({
      kind: 'PUBLISHED',
      eventId: released.id,
      subject: 'inventory.stock-released.v1',
      producer: 'inventory',
      causationId: 'cause-1',
      compensation: true,
    });
  });
});
