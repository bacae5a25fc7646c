export interface MariadbConfig {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly socket: string;
  readonly pidFile: string;
  readonly initFile: string;
}

/** The only option file the server reads (`--defaults-file`): nothing from /etc/mysql. */
export function renderMariadbCnf(config: MariadbConfig): string {
  return [
    '# Written by tools/infra on every start: change tools/infra/src, not this file.',
    '[mysqld]',
    'user = mysql',
    `datadir = ${config.dataDir}`,
    `bind-address = ${config.host}`,
    `port = ${config.port}`,
    `socket = ${config.socket}`,
    `pid-file = ${config.pidFile}`,
    `init-file = ${config.initFile}`,
    'skip-name-resolve',
    'character-set-server = utf8mb4',
    'collation-server = utf8mb4_unicode_ci',
    'innodb_buffer_pool_size = 128M',
    'max_connections = 200',
    '',
  ].join('\n');
}

export interface MariadbAccount {
  readonly database: string;
  readonly user: string;
  readonly password: string;
}

const literal = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const identifier = (value: string) => `\`${value.replace(/`/g, '``')}\``;
/** In a GRANT, `_` and `%` are wildcards: escaped, `orders\_%` means "orders_" + anything. */
const grantPattern = (value: string) => identifier(`${value.replace(/[_%]/g, '\\$&')}\\_%`);

/**
 * Run by the server itself at every start (`init-file`), so the account and database exist
 * before the first client connects. Grants the service database plus `<database>_*` for tests.
 */
export function renderMariadbInitSql({ database, user, password }: MariadbAccount): string {
  const statements = [`CREATE DATABASE IF NOT EXISTS ${identifier(database)}`];
  for (const host of ['%', 'localhost']) {
    const account = `${literal(user)}@${literal(host)}`;
    statements.push(
      `CREATE USER IF NOT EXISTS ${account} IDENTIFIED BY ${literal(password)}`,
      `GRANT ALL PRIVILEGES ON ${identifier(database)}.* TO ${account}`,
      `GRANT ALL PRIVILEGES ON ${grantPattern(database)}.* TO ${account}`,
    );
  }
  return statements.map((statement) => `${statement};\n`).join('');
}
