import { validateEnv } from '@polyshop/config';
import { expectDocumentedInEnvExample } from '@polyshop/testing';
import { ApiGatewayEnv, DEVELOPMENT_JWT_SECRET } from './api-gateway.env';

const validate = validateEnv('api-gateway', ApiGatewayEnv);

describe('ApiGatewayEnv', () => {
  it('defaults to the local infrastructure, as documented in .env.example', () => {
    expectDocumentedInEnvExample(validate({}));
  });

  it('stops the boot naming every bad key', () => {
    const boot = () =>
      validate({
        GATEWAY_HTTP_PORT: '0',
        NATS_URL: 'localhost',
        JWT_SECRET: 'short',
        RPC_TIMEOUT_MS: 'soon',
        ORDER_SERVICE_URL: 'order-service:3003',
      });
    expect(boot).toThrow(/^Invalid configuration for api-gateway: 5 bad variable\(s\)/);
    for (const key of [
      'GATEWAY_HTTP_PORT',
      'NATS_URL',
      'JWT_SECRET',
      'RPC_TIMEOUT_MS',
      'ORDER_SERVICE_URL',
    ]) {
      expect(boot).toThrow(new RegExp(key));
    }
  });

  it('refuses the development JWT secret in production, without echoing it', () => {
    const boot = () => validate({ NODE_ENV: 'production' });
    expect(boot).toThrow(/JWT_SECRET is the development-only default, refused in production/);
    expect(boot).not.toThrow(new RegExp(DEVELOPMENT_JWT_SECRET));
    const secret = 'a-production-secret-of-at-least-32-characters';
    expect(validate({ NODE_ENV: 'production', JWT_SECRET: secret }).JWT_SECRET).toBe(secret);
  });
});
