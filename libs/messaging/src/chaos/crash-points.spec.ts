import { CRASH_POINTS, CRASH_POINT_VARIABLE, parseCrashPoint } from './crash-points';

describe('crash points', () => {
  it('reads <point>:<n>', () => {
    expect(parseCrashPoint('relay.after-publish:3')).toEqual({
      point: CRASH_POINTS.relayAfterPublish,
      remaining: 3,
    });
    expect(parseCrashPoint(undefined)).toBeNull();
    expect(parseCrashPoint('')).toBeNull();
  });

  it.each(['relay.after-publish', 'relay.after-publish:0', 'nowhere:1', 'consumer.before-ack:x'])(
    'refuses %s, naming the variable and the points',
    (value) => {
      expect(() => parseCrashPoint(value)).toThrow(
        new RegExp(`^${CRASH_POINT_VARIABLE}=.*consumer\\.after-ack$`),
      );
    },
  );

  it('kills the process with SIGKILL at the n-th hit of the armed point only', () => {
    const kill = jest.spyOn(process, 'kill').mockReturnValue(true);
    jest.spyOn(process.stderr, 'write').mockReturnValue(true);
    process.env[CRASH_POINT_VARIABLE] = `${CRASH_POINTS.consumerBeforeAck}:2`;
    try {
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const armed = require('./crash-points') as typeof import('./crash-points');
        armed.crashPoint(CRASH_POINTS.consumerAfterAck);
        armed.crashPoint(CRASH_POINTS.consumerBeforeAck);
        expect(kill).not.toHaveBeenCalled();
        armed.crashPoint(CRASH_POINTS.consumerBeforeAck);
        expect(kill).toHaveBeenCalledWith(process.pid, 'SIGKILL');
        expect(armed.isArmed(CRASH_POINTS.consumerBeforeAck)).toBe(true);
        expect(armed.isArmed(CRASH_POINTS.relayAfterPublish)).toBe(false);
      });
    } finally {
      delete process.env[CRASH_POINT_VARIABLE];
      jest.restoreAllMocks();
    }
  });
});
