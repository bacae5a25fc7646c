import { validateEnv } from '@polyshop/config';
import { expectDocumentedInEnvExample } from '@polyshop/testing';
import { ProductServiceEnv } from './product-service.env';

const validate = validateEnv('product-service', ProductServiceEnv);

describe('ProductServiceEnv', () => {
  it('defaults to the local infrastructure, as documented in .env.example', () => {
    expectDocumentedInEnvExample(validate({}));
  });

  it('stops the boot naming every bad key', () => {
    const boot = () =>
      validate({ PRODUCT_MONGO_URL: 'postgres://127.0.0.1/products', NATS_URL: 'localhost' });
    expect(boot).toThrow(/^Invalid configuration for product-service: 2 bad variable\(s\)/);
    expect(boot).toThrow(/PRODUCT_MONGO_URL/);
    expect(boot).toThrow(/NATS_URL/);
  });
});
