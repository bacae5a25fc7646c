import { DEFAULT_CONSUMER_OPTIONS, retryDelayMs } from './jetstream.options';

describe('retryDelayMs', () => {
  const policy = { retryBaseDelayMs: 250, maxRetryDelayMs: 2_000 };

  it('doubles the delay after each failed attempt', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, policy))).toEqual([
      250, 500, 1_000, 2_000,
    ]);
  });

  it('never waits longer than the cap', () => {
    expect(retryDelayMs(30, policy)).toBe(policy.maxRetryDelayMs);
  });

  it('keeps retrying through a 30 s outage before dead-lettering, with the default budget', () => {
    const { maxAttempts } = DEFAULT_CONSUMER_OPTIONS;
    let waited = 0;
    for (let attempt = 1; attempt < maxAttempts; attempt++) {
      waited += retryDelayMs(attempt, DEFAULT_CONSUMER_OPTIONS);
    }
    expect(waited).toBeGreaterThanOrEqual(30_000);
  });

  it('retries within the default budget before AckWait would redeliver anyway', () => {
    const { maxAttempts, ackWaitMs } = DEFAULT_CONSUMER_OPTIONS;
    for (let attempt = 1; attempt < maxAttempts; attempt++) {
      expect(retryDelayMs(attempt, DEFAULT_CONSUMER_OPTIONS)).toBeLessThanOrEqual(ackWaitMs);
    }
  });
});
