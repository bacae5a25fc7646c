import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('resolves with the first value the condition accepts', async () => {
    let calls = 0;
    const value = await waitFor(
      () => Promise.resolve(++calls),
      (n) => n >= 3,
      { intervalMs: 1 },
    );
    expect(value).toBe(3);
  });

  it('keeps polling through errors', async () => {
    let calls = 0;
    const probe = () =>
      ++calls < 2 ? Promise.reject(new Error('not yet')) : Promise.resolve('ok');
    await expect(waitFor(probe, (v) => v === 'ok', { intervalMs: 1 })).resolves.toBe('ok');
  });

  it('fails after the deadline naming the condition, the last value and the last error', async () => {
    let calls = 0;
    const probe = () => (++calls % 2 ? Promise.resolve(calls) : Promise.reject(new Error('boom')));
    await expect(
      waitFor(probe, () => false, { timeoutMs: 30, intervalMs: 1, description: 'the moon' }),
    ).rejects.toThrow(
      /timed out after 30 ms waiting for the moon; last value: \d+; last error: boom/,
    );
  });

  it('cuts off a probe that never settles at the deadline', async () => {
    const hanging = () => new Promise<number>(() => undefined);
    await expect(
      waitFor(hanging, () => true, { timeoutMs: 30, description: 'a hanging probe' }),
    ).rejects.toThrow(/waiting for a hanging probe.*last error: probe timed out/);
  });
});
