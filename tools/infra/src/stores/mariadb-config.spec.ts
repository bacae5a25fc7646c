import { renderMariadbCnf, renderMariadbInitSql } from './mariadb-config';

describe('renderMariadbCnf', () => {
  const cnf = renderMariadbCnf({
    host: '127.0.0.1',
    port: 13306,
    dataDir: '/d/mariadb-order/data',
    socket: '/d/mariadb-order/run/mariadbd.sock',
    pidFile: '/d/mariadb-order/run/mariadbd.pid',
    initFile: '/d/mariadb-order/init.sql',
  });
  const lines = cnf.split('\n');

  it('is a [mysqld] group with our own datadir, port, socket, pid file and init file', () => {
    expect(lines).toContain('[mysqld]');
    expect(lines).toEqual(
      expect.arrayContaining([
        'datadir = /d/mariadb-order/data',
        'bind-address = 127.0.0.1',
        'port = 13306',
        'socket = /d/mariadb-order/run/mariadbd.sock',
        'pid-file = /d/mariadb-order/run/mariadbd.pid',
        'init-file = /d/mariadb-order/init.sql',
        'user = mysql',
      ]),
    );
  });
});

describe('renderMariadbInitSql', () => {
  const sql = renderMariadbInitSql({ database: 'orders', user: 'polyshop', password: 'polyshop' });

  it('creates the database and both accounts idempotently', () => {
    expect(sql).toContain('CREATE DATABASE IF NOT EXISTS `orders`;');
    expect(sql).toContain("CREATE USER IF NOT EXISTS 'polyshop'@'%' IDENTIFIED BY 'polyshop';");
    expect(sql).toContain(
      "CREATE USER IF NOT EXISTS 'polyshop'@'localhost' IDENTIFIED BY 'polyshop';",
    );
  });

  it('grants the service database and only orders_* test databases (underscore escaped)', () => {
    for (const host of ['%', 'localhost']) {
      expect(sql).toContain(`GRANT ALL PRIVILEGES ON \`orders\`.* TO 'polyshop'@'${host}';`);
      expect(sql).toContain(`GRANT ALL PRIVILEGES ON \`orders\\_%\`.* TO 'polyshop'@'${host}';`);
    }
  });

  it('escapes quotes in the password', () => {
    const tricky = renderMariadbInitSql({ database: 'orders', user: 'u', password: "it's" });
    expect(tricky).toContain("IDENTIFIED BY 'it\\'s'");
  });
});
