/**
 * Sends one Redis command. An ioredis client satisfies it (`redis.call('XADD', ...)`); the
 * store asks for nothing else, so any client with a generic command call can be adapted.
 */
export interface RedisCommandClient {
  call(command: string, ...args: (string | number)[]): Promise<unknown>;
}
