/** Where and as whom to connect to NATS, in the shape nats.js `connect()` takes. */
export interface NatsConnectionOptions {
  /** The URL without its credentials. */
  servers: string;
  user?: string;
  pass?: string;
  /** A user without a password is a token, as every NATS client reads `nats://token@host`. */
  token?: string;
}

/** Thrown for credentials that do not decode; names the problem, never the value. */
export class NatsUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NatsUrlError';
  }
}

const decoded = (part: string, what: string): string => {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new NatsUrlError(`NATS_URL: the ${what} has malformed percent-encoding`);
  }
};

/**
 * Splits the credentials off a `NATS_URL` (`nats://user:password@host:4222`) into the options
 * of nats.js `connect()`, which ignores a URL's user and password: an app would connect
 * anonymously and be refused by a server with users. Percent-encoded characters (`%40` for `@`,
 * `%3A` for `:`, `%2F` for `/`) are decoded.
 */
export function natsConnectionOptions(natsUrl: string): NatsConnectionOptions {
  const url = new URL(natsUrl);
  const user = decoded(url.username, 'user');
  const pass = decoded(url.password, 'password');
  url.username = '';
  url.password = '';
  const servers = url.toString();
  if (pass !== '') return { servers, user, pass };
  if (user !== '') return { servers, token: user };
  return { servers };
}
