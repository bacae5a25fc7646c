import { natsConnectionOptions, NatsUrlError } from './nats-connection';

describe('natsConnectionOptions', () => {
  it('passes a URL without credentials as it is', () => {
    expect(natsConnectionOptions('nats://127.0.0.1:14222')).toEqual({
      servers: 'nats://127.0.0.1:14222',
    });
  });

  it('splits the user and password off the URL', () => {
    expect(natsConnectionOptions('nats://order-service:a3f9c0@nats:4222')).toEqual({
      servers: 'nats://nats:4222',
      user: 'order-service',
      pass: 'a3f9c0',
    });
  });

  it('decodes percent-encoded credentials', () => {
    const user = 'ops@polyshop';
    const pass = 'p@ss:w/rd %';
    const url = `tls://${encodeURIComponent(user)}:${encodeURIComponent(pass)}@nats.example:4222`;
    expect(natsConnectionOptions(url)).toEqual({
      servers: 'tls://nats.example:4222',
      user,
      pass,
    });
  });

  it('reads a user without a password as a token, as NATS clients do', () => {
    expect(natsConnectionOptions('nats://s3cr3t-token@nats:4222')).toEqual({
      servers: 'nats://nats:4222',
      token: 's3cr3t-token',
    });
  });

  it('refuses credentials that do not decode, without echoing them', () => {
    const read = () => natsConnectionOptions('nats://svc:bad%zzsecret@nats:4222');
    expect(read).toThrow(NatsUrlError);
    expect(read).toThrow('NATS_URL: the password has malformed percent-encoding');
    expect(read).not.toThrow(/bad%zzsecret/);
  });
});
