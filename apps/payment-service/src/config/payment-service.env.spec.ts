import { validateEnv } from '@polyshop/config';
import { expectDocumentedInEnvExample } from '@polyshop/testing';
import { PaymentServiceEnv } from './payment-service.env';

const validate = validateEnv('payment-service', PaymentServiceEnv);

describe('PaymentServiceEnv', () => {
  it('defaults to the local infrastructure, as documented in .env.example', () => {
    expectDocumentedInEnvExample(validate({}));
  });

  it('stops the boot naming every bad key', () => {
    const boot = () => validate({ PAYMENT_DB_URL: 'redis://127.0.0.1', NATS_URL: 'localhost' });
    expect(boot).toThrow(/^Invalid configuration for payment-service: 2 bad variable\(s\)/);
    expect(boot).toThrow(/PAYMENT_DB_URL/);
    expect(boot).toThrow(/NATS_URL/);
  });
});
