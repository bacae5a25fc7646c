import { SECRET_VALUES, composeEnvLines, generateSecrets, secretManifests } from './secrets';

const base64Bytes = (value: string) => Buffer.from(value, 'base64').length;

describe('the generated secrets', () => {
  const values = generateSecrets();
  const get = (variable: string) => values.get(variable) ?? '';

  it('are new on every generation', () => {
    const again = generateSecrets();
    expect(get('JWT_SECRET')).not.toBe(again.get('JWT_SECRET'));
    expect(get('POSTGRES_USER_PASSWORD')).not.toBe(again.get('POSTGRES_USER_PASSWORD'));
  });

  it('take the forms the apps and stores validate', () => {
    const [keyId, key] = get('USER_PII_KEYS').split(':');
    expect(keyId).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
    expect(get('USER_PII_ACTIVE_KEY_ID')).toBe(keyId);
    expect(base64Bytes(key)).toBe(32);
    expect(base64Bytes(get('USER_EMAIL_INDEX_KEY'))).toBe(32);
    expect(get('JWT_SECRET').length).toBeGreaterThanOrEqual(32);
    expect(get('MONGO_PRODUCT_KEYFILE')).toMatch(/^[A-Za-z0-9+/=]{6,1024}$/);
    // Passwords go into connection URLs unescaped; NATS reads its own as configuration tokens.
    for (const { variable, secret } of SECRET_VALUES) {
      if (secret === 'nats-users') expect(get(variable)).toMatch(/^n[0-9a-f]{48}$/);
      else if (/PASSWORD/.test(variable)) expect(get(variable)).toMatch(/^[0-9a-f]{48}$/);
    }
  });

  it('become one docker/.env line each and one Kubernetes Secret per name', () => {
    expect(composeEnvLines(values)).toContain(`JWT_SECRET=${get('JWT_SECRET')}`);
    const manifests = secretManifests(values);
    expect(manifests.map((m) => m.metadata.name)).toEqual([
      ...new Set(SECRET_VALUES.map((v) => v.secret)),
    ]);
    const mysql = manifests.find((m) => m.metadata.name === 'mysql-order');
    expect(mysql?.stringData).toEqual({
      password: get('MYSQL_ORDER_PASSWORD'),
      'root-password': get('MYSQL_ORDER_ROOT_PASSWORD'),
    });
  });
});
