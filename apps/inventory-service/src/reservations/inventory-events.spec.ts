import { randomUUID } from 'node:crypto';
import { parseEnvelope } from '@polyshop/contracts';
import {
  SHORTAGES_PLACEHOLDER,
  reservationFailedTemplate,
  stockReleasedEvent,
  stockReservedEvent,
} from './inventory-events';

const A = 'aaaaaaaaaaaaaaaaaaaaaaaa';

describe('inventory events', () => {
  const orderId = randomUUID();

  it('a reservation-failed template becomes a valid event once the script fills in the shortages', () => {
    const template = reservationFailedTemplate(orderId, 'OUT_OF_STOCK');
    const shortages = `[{"productId":"${A}","requested":3,"available":1}]`;

    const payload = template.payload.replace(SHORTAGES_PLACEHOLDER, `"shortages":${shortages}`);

    const parsed = parseEnvelope('inventory.stock-reservation-failed.v1', payload);
    expect(parsed).toMatchObject({
      ok: true,
      envelope: {
        id: template.id,
        correlationId: orderId,
        data: {
          orderId,
          reason: 'OUT_OF_STOCK',
          shortages: [{ productId: A, requested: 3, available: 1 }],
        },
      },
    });
  });

  it('carries the placeholder exactly once, whatever the correlation id holds', () => {
    const template = reservationFailedTemplate(orderId, 'UNKNOWN_PRODUCT');
    expect(template.payload.split(SHORTAGES_PLACEHOLDER)).toHaveLength(2);
  });

  it('stock-reserved carries the items and the deadline of the reservation, correlated by order', () => {
    const expiresAt = new Date('2030-01-01T00:01:00.000Z');
    const event = stockReservedEvent(orderId, [{ productId: A, quantity: 2 }], expiresAt);
    expect(parseEnvelope('inventory.stock-reserved.v1', event.payload)).toMatchObject({
      ok: true,
      envelope: {
        correlationId: orderId,
        data: {
          orderId,
          items: [{ productId: A, quantity: 2 }],
          expiresAt: expiresAt.toISOString(),
        },
      },
    });
  });

  it('stock-released carries the items given back and the reason', () => {
    const event = stockReleasedEvent(orderId, [{ productId: A, quantity: 2 }], 'EXPIRED');
    expect(parseEnvelope('inventory.stock-released.v1', event.payload)).toMatchObject({
      ok: true,
      envelope: { data: { orderId, items: [{ productId: A, quantity: 2 }], reason: 'EXPIRED' } },
    });
  });
});
