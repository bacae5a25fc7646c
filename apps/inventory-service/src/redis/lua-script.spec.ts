import { createHash } from 'node:crypto';
import type { RedisCommandClient } from '@polyshop/messaging';
import { LuaScript, preloadScripts } from './lua-script';

const SOURCE = "return 'ok'";
const SHA = createHash('sha1').update(SOURCE).digest('hex');

/** A Redis that knows the scripts loaded into it, like a real one's script cache. */
class FakeRedis implements RedisCommandClient {
  readonly cache = new Set<string>();
  readonly calls: string[] = [];
  down = false;

  call(command: string, ...args: (string | number)[]): Promise<unknown> {
    this.calls.push(command);
    if (this.down) return Promise.reject(new Error('Connection is closed.'));
    if (command === 'SCRIPT') {
      const sha = createHash('sha1').update(String(args[1])).digest('hex');
      this.cache.add(sha);
      return Promise.resolve(sha);
    }
    if (!this.cache.has(String(args[0]))) {
      return Promise.reject(new Error('NOSCRIPT No matching script. Please use EVAL.'));
    }
    return Promise.resolve(['ran', ...args.slice(1)]);
  }
}

describe('LuaScript', () => {
  it('runs with EVALSHA once loaded, passing the number of keys, the keys and the arguments', async () => {
    const redis = new FakeRedis();
    const script = new LuaScript('test', SOURCE);
    await script.load(redis);

    const reply = await script.run(redis, ['k1', 'k2'], ['a', 1]);

    expect(script.sha).toBe(SHA);
    expect(reply).toEqual(['ran', 2, 'k1', 'k2', 'a', 1]);
    expect(redis.calls).toEqual(['SCRIPT', 'EVALSHA']);
  });

  it('loads the script again when Redis lost its script cache (NOSCRIPT), then runs it', async () => {
    const redis = new FakeRedis();
    const script = new LuaScript('test', SOURCE);

    const reply = await script.run(redis, [], []);

    expect(reply).toEqual(['ran', 0]);
    expect(redis.calls).toEqual(['EVALSHA', 'SCRIPT', 'EVALSHA']);
  });

  it('lets any other failure through', async () => {
    const redis = new FakeRedis();
    redis.down = true;
    await expect(new LuaScript('test', SOURCE).run(redis, [], [])).rejects.toThrow(/closed/);
  });
});

describe('preloadScripts', () => {
  it('loads every script, and only warns when Redis is not there yet', async () => {
    const warnings: string[] = [];
    const redis = new FakeRedis();
    await preloadScripts(redis, [new LuaScript('a', SOURCE)], { warn: (m) => warnings.push(m) });
    redis.down = true;
    await preloadScripts(redis, [new LuaScript('b', SOURCE)], { warn: (m) => warnings.push(m) });

    expect(redis.cache.has(SHA)).toBe(true);
    expect(warnings).toEqual([expect.stringMatching(/^script b not preloaded: .*closed/)]);
  });
});
