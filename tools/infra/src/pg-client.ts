import { Client, type ClientConfig } from 'pg';

/** One short-lived connection for a probe or provisioning; always closed. */
export async function withPgClient<T>(
  config: ClientConfig,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({
    connectionTimeoutMillis: 3000,
    query_timeout: 30_000,
    ...config,
  });
  client.on('error', () => undefined); // a server going away mid-probe is just "not ready"
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
