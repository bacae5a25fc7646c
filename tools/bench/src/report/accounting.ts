import type { ResourceUse, SystemResult } from './model';

export interface ResourceBound extends ResourceUse {
  /** Sagas per second this resource alone allows. */
  bound: number;
}

/** a / b, or null when either is missing or b is zero. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined || b === 0) return null;
  return a / b;
}

/**
 * The resource-accounting limit of S: each resource allows `ceiling / perSaga` sagas per
 * second; the machine allows `cpus / cpuPerSaga`. The lowest is the bound S could reach if
 * nothing but those resources stood in the way. Resources a saga does not use bound nothing.
 */
export function resourceBounds(
  uses: readonly ResourceUse[],
  cpus: number,
  cpuPerSaga: number | null,
): { rows: ResourceBound[]; limit: ResourceBound | null } {
  const rows: ResourceBound[] = uses
    .filter((use) => use.perSaga > 0)
    .map((use) => ({ ...use, bound: use.ceilingPerSecond / use.perSaga }));
  if (cpuPerSaga !== null && cpuPerSaga > 0) {
    rows.push({
      resource: 'CPU (all processes of S and its stores)',
      unit: 'CPU s',
      perSaga: cpuPerSaga,
      ceilingPerSecond: cpus,
      bound: cpus / cpuPerSaga,
    });
  }
  const limit = rows.reduce<ResourceBound | null>(
    (lowest, row) => (lowest === null || row.bound < lowest.bound ? row : lowest),
    null,
  );
  return { rows, limit };
}

/** The system's result by name. */
export const resultOf = (systems: readonly SystemResult[], name: SystemResult['system']) =>
  systems.find((system) => system.system === name);
