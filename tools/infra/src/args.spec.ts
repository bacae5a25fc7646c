import { parseArgs } from './args';
import { InfraError } from './errors';

const STORES = ['nats', 'postgres-user', 'mongo-gateway'];

describe('parseArgs', () => {
  it('reads a command without stores as "every store"', () => {
    expect(parseArgs(['up'], STORES)).toEqual({ kind: 'run', command: 'up', stores: [] });
  });

  it('keeps the named stores, once each', () => {
    expect(parseArgs(['down', 'nats', 'postgres-user', 'nats'], STORES)).toEqual({
      kind: 'run',
      command: 'down',
      stores: ['nats', 'postgres-user'],
    });
  });

  it.each(['up', 'down', 'status', 'pids', 'reset', 'browser'])(
    'accepts the %s command',
    (command) => {
      expect(parseArgs([command], STORES)).toMatchObject({ kind: 'run', command });
    },
  );

  it.each([['--help'], ['-h'], ['help'], ['up', '--help']])('asks for help with %p', (...argv) => {
    expect(parseArgs(argv, STORES)).toEqual({ kind: 'help' });
  });

  it('rejects a missing command with the usage', () => {
    expect(() => parseArgs([], STORES)).toThrow(/No command given[\s\S]*Usage:/);
  });

  it('rejects an unknown command by name', () => {
    expect(() => parseArgs(['start'], STORES)).toThrow(InfraError);
    expect(() => parseArgs(['start'], STORES)).toThrow('Unknown command "start"');
  });

  it('rejects an unknown store and lists the known ones', () => {
    expect(() => parseArgs(['up', 'mongodb'], STORES)).toThrow(
      'Unknown store(s): mongodb. Known stores: nats, postgres-user, mongo-gateway',
    );
  });

  it('rejects options it does not know', () => {
    expect(() => parseArgs(['status', '--json'], STORES)).toThrow('Unknown option "--json"');
  });
});
