import { validateEnv } from '@polyshop/config';
import { expectDocumentedInEnvExample } from '@polyshop/testing';
import { OrderServiceEnv } from './order-service.env';

const validate = validateEnv('order-service', OrderServiceEnv);

describe('OrderServiceEnv', () => {
  it('defaults to the local infrastructure, as documented in .env.example', () => {
    expectDocumentedInEnvExample(validate({}));
  });

  it('stops the boot naming every bad key', () => {
    const boot = () =>
      validate({ ORDER_DB_URL: 'postgres://127.0.0.1/orders', NATS_URL: 'localhost' });
    expect(boot).toThrow(/^Invalid configuration for order-service: 2 bad variable\(s\)/);
    expect(boot).toThrow(/ORDER_DB_URL/);
    expect(boot).toThrow(/NATS_URL/);
  });
});
