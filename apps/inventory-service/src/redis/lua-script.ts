import { createHash } from 'node:crypto';
import type { RedisCommandClient } from '@polyshop/messaging';

const isNoScript = (error: unknown): boolean =>
  error instanceof Error && error.message.startsWith('NOSCRIPT');

/**
 * A Lua script run with `EVALSHA`: loaded once (`SCRIPT LOAD` at boot), and loaded again on
 * `NOSCRIPT` (a restarted Redis has an empty script cache: AOF does not keep it).
 */
export class LuaScript {
  readonly sha: string;

  constructor(
    readonly name: string,
    readonly source: string,
  ) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  /** Puts the script in Redis's cache. */
  async load(redis: RedisCommandClient): Promise<void> {
    const sha = await redis.call('SCRIPT', 'LOAD', this.source);
    if (sha !== this.sha)
      throw new Error(`${this.name}: Redis hashed the script as ${String(sha)}`);
  }

  /** Runs the script atomically with `keys` as KEYS and `args` as ARGV. */
  async run(
    redis: RedisCommandClient,
    keys: readonly string[],
    args: readonly (string | number)[],
  ): Promise<unknown> {
    const evalsha = () => redis.call('EVALSHA', this.sha, keys.length, ...keys, ...args);
    try {
      return await evalsha();
    } catch (error) {
      if (!isNoScript(error)) throw error;
      await this.load(redis);
      return evalsha();
    }
  }
}

/**
 * Loads scripts into Redis's cache at boot. A failure (Redis not up yet) is only logged: a run
 * loads its script on `NOSCRIPT` anyway, and an outage must not stop the boot.
 */
export async function preloadScripts(
  redis: RedisCommandClient,
  scripts: readonly LuaScript[],
  logger: { warn(message: string): void },
): Promise<void> {
  const results = await Promise.allSettled(scripts.map((script) => script.load(redis)));
  results.forEach((result, index) => {
    if (result.status === 'rejected') {
      logger.warn(`script ${scripts[index].name} not preloaded: ${String(result.reason)}`);
    }
  });
}
