import { ratio, resourceBounds } from './accounting';

describe('resourceBounds', () => {
  const uses = [
    { resource: 'MariaDB commits', unit: 'commits', perSaga: 4, ceilingPerSecond: 2_000 },
    { resource: 'JetStream publishes', unit: 'messages', perSaga: 4, ceilingPerSecond: 20_000 },
    { resource: 'PostgreSQL (user) commits', unit: 'commits', perSaga: 0, ceilingPerSecond: 900 },
  ];

  it('bounds S by the resource that allows the fewest sagas per second', () => {
    const { rows, limit } = resourceBounds(uses, 2, 0.01);

    expect(rows.map((row) => [row.resource, row.bound])).toEqual([
      ['MariaDB commits', 500],
      ['JetStream publishes', 5_000],
      ['CPU (all processes of S and its stores)', 200],
    ]);
    expect(limit?.resource).toBe('CPU (all processes of S and its stores)');
  });

  it('leaves out what a saga does not use and the CPU when it was not measured', () => {
    const { rows, limit } = resourceBounds(uses, 2, null);

    expect(rows).toHaveLength(2);
    expect(limit).toMatchObject({ resource: 'MariaDB commits', bound: 500 });
  });
});

describe('ratio', () => {
  it('divides, and has no value when a side is missing or zero', () => {
    expect(ratio(150, 400)).toBe(0.375);
    expect([ratio(null, 4), ratio(4, 0), ratio(4, undefined)]).toEqual([null, null, null]);
  });
});
