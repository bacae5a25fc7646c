import { DEFAULT_CONFIG, InvalidConfigError, loadGatewayConfig } from './gateway-config';

describe('loadGatewayConfig', () => {
  it('uses the local-infrastructure defaults when nothing is set', () => {
    expect(loadGatewayConfig({})).toEqual(DEFAULT_CONFIG);
    expect(DEFAULT_CONFIG).toMatchObject({
      host: '127.0.0.1',
      port: 17017,
      documentdbUrl: 'postgres://postgres@127.0.0.1:15434/postgres',
    });
  });

  it('reads every variable', () => {
    expect(
      loadGatewayConfig({
        MONGO_GATEWAY_HOST: '0.0.0.0',
        MONGO_GATEWAY_PORT: '27017',
        DOCUMENTDB_URL: 'postgresql://u:p@db.local:5432/postgres',
        MONGO_GATEWAY_POOL_SIZE: '8',
        MONGO_GATEWAY_TRANSACTION_TIMEOUT_MS: '5000',
        MONGO_GATEWAY_CURSOR_TIMEOUT_MS: '60000',
      }),
    ).toEqual({
      host: '0.0.0.0',
      port: 27017,
      documentdbUrl: 'postgresql://u:p@db.local:5432/postgres',
      poolSize: 8,
      transactionTimeoutMs: 5000,
      cursorTimeoutMs: 60000,
    });
  });

  it('names every bad variable in one error', () => {
    let thrown: unknown;
    try {
      loadGatewayConfig({
        MONGO_GATEWAY_PORT: '70000',
        DOCUMENTDB_URL: 'mysql://x/y',
        MONGO_GATEWAY_HOST: 'a b',
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidConfigError);
    const { problems } = thrown as InvalidConfigError;
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/MONGO_GATEWAY_PORT[\s\S]*DOCUMENTDB_URL/);
    expect(problems.join('\n')).toMatch(/MONGO_GATEWAY_HOST/);
  });
});
