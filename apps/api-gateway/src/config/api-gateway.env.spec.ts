import { validateEnv } from '@polyshop/config';
import { expectDocumentedInEnvExample } from '@polyshop/testing';
import { ApiGatewayEnv } from './api-gateway.env';

const validate = validateEnv('api-gateway', ApiGatewayEnv);

describe('ApiGatewayEnv', () => {
  it('defaults to the local infrastructure, as documented in .env.example', () => {
    expectDocumentedInEnvExample(validate({}));
  });

  it('stops the boot naming every bad key', () => {
    const boot = () => validate({ GATEWAY_HTTP_PORT: '0', NATS_URL: 'localhost' });
    expect(boot).toThrow(/^Invalid configuration for api-gateway: 2 bad variable\(s\)/);
    expect(boot).toThrow(/GATEWAY_HTTP_PORT/);
    expect(boot).toThrow(/NATS_URL/);
  });
});
