import { EVENTS } from '@polyshop/contracts';
import { FAULT_KINDS, PROFILES, describeFault, makePlan, type ProfileName } from './plan';

describe('chaos plans', () => {
  it.each(['short', 'long'] as ProfileName[])('are a function of the seed (%s)', (profile) => {
    expect(makePlan(42, profile)).toEqual(makePlan(42, profile));
    expect(makePlan(42, profile)).not.toEqual(makePlan(43, profile));
  });

  it('cover every fault kind in any three consecutive short runs', () => {
    for (const first of [0, 1, 7, 1000]) {
      const kinds = new Set(
        [first, first + 1, first + 2].flatMap((seed) =>
          makePlan(seed, 'short').faults.map(({ fault }) => fault.kind),
        ),
      );
      expect([...kinds].sort()).toEqual([...FAULT_KINDS].sort());
    }
  });

  it.each(['short', 'long'] as ProfileName[])(
    'schedule faults in order inside the load, leaving its last fifth to recover (%s)',
    (profile) => {
      const { loadMs, faultsPerRun, shoppers } = PROFILES[profile];
      for (let seed = 0; seed < 50; seed++) {
        const plan = makePlan(seed, profile);
        const moments = plan.faults.map((f) => f.atMs);
        expect(moments).toEqual([...moments].sort((a, b) => a - b));
        expect(Math.min(...moments)).toBeGreaterThanOrEqual(1_000);
        expect(Math.max(...moments)).toBeLessThanOrEqual(loadMs * 0.8);
        expect(plan.faults.length).toBeGreaterThanOrEqual(faultsPerRun.min);
        expect(plan.faults.length).toBeLessThanOrEqual(faultsPerRun.max);
        expect(plan.shoppers).toHaveLength(shoppers);
      }
    },
  );

  it('replay only streams the service consumes and poison only consumed subjects', () => {
    for (let seed = 0; seed < 200; seed++) {
      for (const { fault } of makePlan(seed, 'long').faults) {
        if (fault.kind === 'replay-stream') {
          const consumed = Object.values(EVENTS).some(
            (event) =>
              event.stream === fault.stream &&
              (event.consumers as readonly string[]).includes(fault.app),
          );
          expect(consumed).toBe(true);
        }
        if (fault.kind === 'poison')
          expect(EVENTS[fault.subject].consumers.length).toBeGreaterThan(0);
      }
    }
  });

  it('describe each fault in one line naming its target', () => {
    const lines = makePlan(3, 'short').faults.map(describeFault);
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(/^\S.*\S$/);
    expect(describeFault({ atMs: 1, fault: { kind: 'kill-nats', downMs: 500 } })).toBe(
      'kill -9 NATS, down 500 ms',
    );
  });
});
