import { InboxPurger } from './inbox-purger';

describe('InboxPurger', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('purges records past the retention on its interval and counts them', async () => {
    const inbox = { purge: jest.fn(() => Promise.resolve(3)) };
    const purger = new InboxPurger(inbox, { retentionMs: 1_000, intervalMs: 60_000 });

    purger.start();
    await jest.advanceTimersByTimeAsync(120_000);
    await purger.stop();

    expect(inbox.purge.mock.calls).toEqual([[1_000], [1_000]]);
    expect(purger.purged).toBe(6);
    await jest.advanceTimersByTimeAsync(120_000);
    expect(inbox.purge).toHaveBeenCalledTimes(2);
  });

  it('keeps running after a failed purge and logs it', async () => {
    const logger = { log: jest.fn(), warn: jest.fn(), error: jest.fn() };
    const inbox = {
      purge: jest
        .fn<Promise<number>, [number]>()
        .mockRejectedValueOnce(new Error('store down'))
        .mockResolvedValue(1),
    };
    const purger = new InboxPurger(inbox, { intervalMs: 1_000, logger });

    purger.start();
    await jest.advanceTimersByTimeAsync(2_000);
    await purger.stop();

    expect(logger.warn).toHaveBeenCalledWith('inbox purge failed: store down');
    expect(purger.purged).toBe(1);
  });
});
