import { validateEnv } from '@polyshop/config';
import { expectDocumentedInEnvExample } from '@polyshop/testing';
import { InventoryServiceEnv } from './inventory-service.env';

const validate = validateEnv('inventory-service', InventoryServiceEnv);

describe('InventoryServiceEnv', () => {
  it('defaults to the local infrastructure, as documented in .env.example', () => {
    expectDocumentedInEnvExample(validate({}));
  });

  it('stops the boot naming every bad key', () => {
    const boot = () =>
      validate({ INVENTORY_REDIS_URL: 'mongodb://127.0.0.1', NATS_URL: 'localhost' });
    expect(boot).toThrow(/^Invalid configuration for inventory-service: 2 bad variable\(s\)/);
    expect(boot).toThrow(/INVENTORY_REDIS_URL/);
    expect(boot).toThrow(/NATS_URL/);
  });

  it('defaults the reservation TTL to twice the saga deadline and refuses one under a second', () => {
    expect(validate({}).INVENTORY_RESERVATION_TTL_MS).toBe(60_000);
    expect(validate({ INVENTORY_RESERVATION_TTL_MS: '5000' }).INVENTORY_RESERVATION_TTL_MS).toBe(
      5_000,
    );
    expect(() => validate({ INVENTORY_RESERVATION_TTL_MS: '10' })).toThrow(
      /INVENTORY_RESERVATION_TTL_MS/,
    );
  });
});
