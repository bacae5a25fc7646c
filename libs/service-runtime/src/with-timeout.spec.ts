import { withTimeout } from './with-timeout';

describe('withTimeout', () => {
  it('settles like the work when it finishes in time', async () => {
    await expect(withTimeout(Promise.resolve(42), 50, 'answer')).resolves.toBe(42);
    await expect(withTimeout(Promise.reject(new Error('no')), 50, 'answer')).rejects.toThrow('no');
  });

  it('rejects naming the work once the time is up', async () => {
    const never = new Promise<never>(() => undefined);
    await expect(withTimeout(never, 10, 'Redis PING')).rejects.toThrow(
      'Redis PING timed out after 10 ms',
    );
  });
});
