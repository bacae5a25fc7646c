/**
 * Deterministic crash points for the chaos suite (docs/reliability.md). The messaging code calls
 * `crashPoint(name)` at the moments where a dying process is most likely to lose or duplicate
 * work. With `POLYSHOP_CRASH_POINT=<name>:<n>` in its environment, a process kills itself with
 * SIGKILL the n-th time it reaches `<name>`: no shutdown hook runs, nothing is flushed, exactly as
 * if the machine lost power there. Unset (always, outside the chaos suite), a point costs one
 * comparison.
 */
export const CRASH_POINTS = {
  /** A use case committed its state change and outbox entries; the relay has not published. */
  outboxAfterCommit: 'outbox.after-commit',
  /** The broker stored a batch; the relay has not marked it published in the outbox. */
  relayAfterPublish: 'relay.after-publish',
  /** A handler committed its effect and inbox record; the message is not acknowledged. */
  consumerBeforeAck: 'consumer.before-ack',
  /** The acknowledgement reached the broker; the handler's slot is not released. */
  consumerAfterAck: 'consumer.after-ack',
} as const;

export type CrashPoint = (typeof CRASH_POINTS)[keyof typeof CRASH_POINTS];

export const CRASH_POINT_VARIABLE = 'POLYSHOP_CRASH_POINT';

interface Armed {
  readonly point: CrashPoint;
  /** Hits left before the crash. */
  remaining: number;
}

/** Reads `<name>:<n>`; throws naming the variable on anything else. */
export function parseCrashPoint(value: string | undefined): Armed | null {
  if (value === undefined || value === '') return null;
  const match = /^([a-z.-]+):([1-9]\d*)$/.exec(value);
  const point = Object.values(CRASH_POINTS).find((known) => known === match?.[1]);
  if (match === null || point === undefined) {
    throw new Error(
      `${CRASH_POINT_VARIABLE}=${JSON.stringify(value)}: expected <point>:<n>, point one of ` +
        Object.values(CRASH_POINTS).join(', '),
    );
  }
  return { point, remaining: Number(match[2]) };
}

const armed = parseCrashPoint(process.env[CRASH_POINT_VARIABLE]);

/** Whether `point` is the armed one: its caller may flush first, so the crash lands after it. */
export const isArmed = (point: CrashPoint): boolean => armed?.point === point;

/** Kills the process at the armed point's n-th hit. */
export function crashPoint(point: CrashPoint): void {
  if (armed?.point !== point || --armed.remaining > 0) return;
  process.stderr.write(`${CRASH_POINT_VARIABLE}: crashing at ${point}\n`);
  process.kill(process.pid, 'SIGKILL');
}
