import { IntentArrivals } from './intent-arrivals';

describe('IntentArrivals', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('lets every wait for an order go on once its intent is recorded', async () => {
    const arrivals = new IntentArrivals();
    const first = arrivals.arrival('order-1', 500);
    const second = arrivals.arrival('order-1', 500);
    const other = arrivals.arrival('order-2', 500);

    arrivals.recorded('order-1');

    await expect(first.arrived).resolves.toBe(true);
    await expect(second.arrived).resolves.toBe(true);
    expect(arrivals.size).toBe(1);
    other.cancel();
    await expect(other.arrived).resolves.toBe(false);
    expect(arrivals.size).toBe(0);
  });

  it('gives up after the timeout and forgets the wait', async () => {
    const arrivals = new IntentArrivals();
    const arrival = arrivals.arrival('order-1', 500);

    jest.advanceTimersByTime(499);
    arrivals.recorded('order-2');
    jest.advanceTimersByTime(1);

    await expect(arrival.arrived).resolves.toBe(false);
    expect(arrivals.size).toBe(0);
  });

  it('ignores an intent recorded before anyone waited for it', async () => {
    const arrivals = new IntentArrivals();
    arrivals.recorded('order-1');
    const arrival = arrivals.arrival('order-1', 500);

    jest.advanceTimersByTime(500);

    await expect(arrival.arrived).resolves.toBe(false);
  });
});
