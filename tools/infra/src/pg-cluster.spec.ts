import { renderPostgresConf } from './pg-cluster';

describe('renderPostgresConf', () => {
  it('quotes strings, leaves numbers bare, one setting per line', () => {
    const conf = renderPostgresConf({
      listen_addresses: '127.0.0.1',
      port: 15432,
      shared_preload_libraries: 'pg_cron,pg_documentdb_core,pg_documentdb',
      'cron.database_name': 'postgres',
    });
    expect(conf.split('\n').filter((line) => !line.startsWith('#'))).toEqual([
      "listen_addresses = '127.0.0.1'",
      'port = 15432',
      "shared_preload_libraries = 'pg_cron,pg_documentdb_core,pg_documentdb'",
      "cron.database_name = 'postgres'",
      '',
    ]);
  });

  it('doubles single quotes inside values', () => {
    expect(renderPostgresConf({ unix_socket_directories: "/tmp/o'brien" })).toContain(
      "unix_socket_directories = '/tmp/o''brien'",
    );
  });
});
