import { renderNatsConf } from './nats';

describe('renderNatsConf', () => {
  const conf = renderNatsConf({
    host: '127.0.0.1',
    port: 14222,
    monitorPort: 18222,
    storeDir: '/d/nats',
  });

  it('serves clients and monitoring on loopback ports of its own', () => {
    expect(conf).toContain('host: "127.0.0.1"\nport: 14222\n');
    expect(conf).toContain('http: "127.0.0.1:18222"');
  });

  it('enables JetStream with file storage in the data folder', () => {
    expect(conf).toMatch(/jetstream \{\n {2}store_dir: "\/d\/nats"\n/);
    expect(conf).toMatch(/max_file_store: \d+/);
  });
});
