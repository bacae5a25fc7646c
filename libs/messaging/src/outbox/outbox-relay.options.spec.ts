import { defaultRelayOwner, retryDelay } from './outbox-relay.options';

describe('relay options', () => {
  it('doubles the retry delay on each failure up to the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 60].map((n) => retryDelay(n, 500, 4_000))).toEqual([
      0, 500, 1_000, 2_000, 4_000, 4_000, 4_000,
    ]);
  });

  it('names each relay instance uniquely, after its host and process', () => {
    const owner = defaultRelayOwner();

    expect(owner).toContain(`:${process.pid}:`);
    expect(defaultRelayOwner()).not.toBe(owner);
  });
});
