import type { ReservationRecord } from './reservation';
import type { SettleOutcome } from './reservation-outcomes';
import { settleWithFreshRead } from './settle-with-fresh-read';

const held: ReservationRecord = { state: 'HELD', itemsJson: '[]', items: [] };

describe('settleWithFreshRead', () => {
  it('reads again and retries while the script finds the record changed since the read', async () => {
    const reads = [null, held];
    const seen: (ReservationRecord | null)[] = [];
    const outcomes: SettleOutcome[] = [{ kind: 'stale' }, { kind: 'released' }];

    const outcome = await settleWithFreshRead(
      'order-1',
      () => Promise.resolve(reads.shift() ?? null),
      (record) => {
        seen.push(record);
        return Promise.resolve(outcomes.shift() ?? { kind: 'stale' });
      },
    );

    expect(outcome).toEqual({ kind: 'released' });
    expect(seen).toEqual([null, held]);
  });

  it('gives up (to be retried by the transport) when the record keeps changing', async () => {
    let attempts = 0;
    const settle = () => {
      attempts++;
      return Promise.resolve<SettleOutcome>({ kind: 'stale' });
    };

    await expect(
      settleWithFreshRead('order-1', () => Promise.resolve(held), settle, 3),
    ).rejects.toThrow(/order-1: reservation changed during 3 attempts/);
    expect(attempts).toBe(3);
  });

  it('fails on an inconsistent stock hash, naming it', async () => {
    const settle = () =>
      Promise.resolve<SettleOutcome>({ kind: 'inconsistent', stockKey: 'inventory:stock:x' });

    await expect(
      settleWithFreshRead('order-1', () => Promise.resolve(held), settle),
    ).rejects.toThrow(/inventory:stock:x holds less than the reservation/);
  });
});
