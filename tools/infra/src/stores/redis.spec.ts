import { renderRedisConf } from './redis';

describe('renderRedisConf', () => {
  const lines = renderRedisConf({
    host: '127.0.0.1',
    port: 16379,
    dir: '/d/redis-inventory',
  }).split('\n');

  it('turns the append-only file on with an fsync every second', () => {
    expect(lines).toContain('appendonly yes');
    expect(lines).toContain('appendfsync everysec');
  });

  it('listens on loopback only, on its own port, with data in its own folder', () => {
    expect(lines).toEqual(
      expect.arrayContaining(['bind 127.0.0.1', 'port 16379', 'dir "/d/redis-inventory"']),
    );
  });

  it('stays in the foreground so that the pid we record is the server', () => {
    expect(lines).toContain('daemonize no');
  });
});
