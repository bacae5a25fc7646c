import { Logger } from '@nestjs/common';
import {
  OVERDUE_BATCH_SIZE,
  type CancelOverdueOrdersUseCase,
} from './cancel-overdue-orders.use-case';
import { SWEEP_INTERVAL_MS, SagaDeadlineSweeper } from './saga-deadline.sweeper';

/** A fake pass: answers the queued batch sizes (or failures), then 0. */
class FakeCancelOverdue {
  readonly results: (number | Error | Promise<number>)[] = [];
  calls = 0;

  execute(): Promise<number> {
    this.calls++;
    const next = this.results.shift() ?? 0;
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  }
}

describe('SagaDeadlineSweeper', () => {
  let fake: FakeCancelOverdue;
  let sweeper: SagaDeadlineSweeper;
  let warn: jest.SpyInstance;

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    fake = new FakeCancelOverdue();
    sweeper = new SagaDeadlineSweeper(fake as unknown as CancelOverdueOrdersUseCase);
  });

  afterEach(async () => {
    await sweeper.beforeApplicationShutdown();
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('claims batch after batch while full ones come back, in one pass', async () => {
    fake.results.push(OVERDUE_BATCH_SIZE, OVERDUE_BATCH_SIZE, 3);
    await sweeper.sweep();
    expect(fake.calls).toBe(3);
  });

  it('survives a failing pass and logs the outage once, then sweeps again', async () => {
    fake.results.push(new Error('connect ECONNREFUSED'), new Error('connect ECONNREFUSED'), 2);
    await expect(sweeper.sweep()).resolves.toBeUndefined();
    await expect(sweeper.sweep()).resolves.toBeUndefined();
    await sweeper.sweep();
    expect(fake.calls).toBe(3);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('sweeps every interval once started', async () => {
    jest.useFakeTimers();
    sweeper.onApplicationBootstrap();
    expect(fake.calls).toBe(0);
    await jest.advanceTimersByTimeAsync(SWEEP_INTERVAL_MS);
    expect(fake.calls).toBe(1);
    await jest.advanceTimersByTimeAsync(SWEEP_INTERVAL_MS * 3);
    expect(fake.calls).toBe(4);
  });

  it('stops on shutdown after the pass in flight, and sweeps no more', async () => {
    jest.useFakeTimers();
    let finish: (cancelled: number) => void = () => undefined;
    fake.results.push(new Promise<number>((resolve) => (finish = resolve)));
    sweeper.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(SWEEP_INTERVAL_MS);
    expect(fake.calls).toBe(1);

    let stopped = false;
    const stopping = sweeper.beforeApplicationShutdown().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    finish(1);
    await stopping;

    await jest.advanceTimersByTimeAsync(SWEEP_INTERVAL_MS * 5);
    expect(fake.calls).toBe(1);
  });
});
