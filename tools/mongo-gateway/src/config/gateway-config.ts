/** The gateway's environment, validated at start. */
export interface GatewayConfig {
  readonly host: string;
  readonly port: number;
  readonly documentdbUrl: string;
  readonly poolSize: number;
  readonly transactionTimeoutMs: number;
  readonly cursorTimeoutMs: number;
}

export const DEFAULT_CONFIG: GatewayConfig = {
  host: '127.0.0.1',
  port: 17017,
  documentdbUrl: 'postgres://postgres@127.0.0.1:15434/postgres',
  poolSize: 32,
  transactionTimeoutMs: 60_000,
  cursorTimeoutMs: 600_000,
};

/** Names every bad variable at once. */
export class InvalidConfigError extends Error {
  override readonly name = 'InvalidConfigError';

  constructor(readonly problems: readonly string[]) {
    super(`Invalid mongo-gateway configuration: ${problems.join('; ')}`);
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function integer(
  env: Env,
  key: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  const raw = env[key]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    problems.push(`${key} must be an integer between ${min} and ${max} (got '${raw}')`);
    return fallback;
  }
  return value;
}

function host(env: Env, problems: string[]): string {
  const raw = env.MONGO_GATEWAY_HOST?.trim();
  if (raw === undefined || raw === '') return DEFAULT_CONFIG.host;
  if (/\s|\//.test(raw))
    problems.push(`MONGO_GATEWAY_HOST must be a host name or IP address (got '${raw}')`);
  return raw;
}

function documentdbUrl(env: Env, problems: string[]): string {
  const raw = env.DOCUMENTDB_URL?.trim();
  if (raw === undefined || raw === '') return DEFAULT_CONFIG.documentdbUrl;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    problems.push('DOCUMENTDB_URL must be a postgres:// URL (it does not parse)');
    return raw;
  }
  if (!['postgres:', 'postgresql:'].includes(parsed.protocol) || parsed.hostname === '') {
    problems.push(
      `DOCUMENTDB_URL must be a postgres:// URL with a host (got protocol '${parsed.protocol}')`,
    );
  }
  return raw;
}

export function loadGatewayConfig(env: Env): GatewayConfig {
  const problems: string[] = [];
  const config: GatewayConfig = {
    host: host(env, problems),
    port: integer(env, 'MONGO_GATEWAY_PORT', DEFAULT_CONFIG.port, 0, 65_535, problems),
    documentdbUrl: documentdbUrl(env, problems),
    poolSize: integer(env, 'MONGO_GATEWAY_POOL_SIZE', DEFAULT_CONFIG.poolSize, 2, 1_000, problems),
    transactionTimeoutMs: integer(
      env,
      'MONGO_GATEWAY_TRANSACTION_TIMEOUT_MS',
      DEFAULT_CONFIG.transactionTimeoutMs,
      100,
      3_600_000,
      problems,
    ),
    cursorTimeoutMs: integer(
      env,
      'MONGO_GATEWAY_CURSOR_TIMEOUT_MS',
      DEFAULT_CONFIG.cursorTimeoutMs,
      1_000,
      86_400_000,
      problems,
    ),
  };
  if (problems.length > 0) throw new InvalidConfigError(problems);
  return config;
}
