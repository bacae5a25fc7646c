/** Wall-clock milliseconds with sub-millisecond resolution, comparable with the stores' clocks. */
export const epochMs = (): number => performance.timeOrigin + performance.now();
