import { cpuMeter, parseStat, treeTicks, type ProcessTimes } from './cpu';

describe('parseStat', () => {
  it('reads the parent and the CPU times even when the command holds spaces and parentheses', () => {
    const line =
      '4242 (postgres: polyshop (x) idle) S 4200 4200 4200 0 -1 4194560 500 0 0 0 ' +
      '120 30 7 3 20 0 1 0 100 0 0';

    expect(parseStat(line)).toEqual({ pid: 4242, ppid: 4200, own: 150, reaped: 10 });
  });
});

describe('treeTicks', () => {
  const p = (pid: number, ppid: number, own: number, reaped = 0): ProcessTimes => ({
    pid,
    ppid,
    own,
    reaped,
  });
  const processes = [
    p(1, 0, 1_000),
    p(10, 1, 5, 40), // a postmaster whose backends that ended used 40
    p(11, 10, 7),
    p(12, 10, 3),
    p(13, 12, 2),
    p(20, 1, 100), // some other process
  ];

  it('adds the whole tree of each root, including children gone already', () => {
    expect(treeTicks(processes, [10])).toBe(5 + 40 + 7 + 3 + 2);
  });

  it('counts a process once when roots overlap, and nothing for roots that are gone', () => {
    expect(treeTicks(processes, [10, 12, 12, 99])).toBe(57);
    expect(treeTicks(processes, [20, 99])).toBe(100);
  });
});

describe('cpuMeter', () => {
  it("gives each named tree's CPU seconds since it started, this process's busy loop included", () => {
    const used = cpuMeter({ self: process.pid });
    const until = Date.now() + 200;
    while (Date.now() < until) Math.sqrt(Math.random());

    const { self } = used();

    expect(Object.keys(used())).toEqual(['self']);
    expect(self).toBeGreaterThan(0);
  });
});
