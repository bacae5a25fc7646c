import { redisOutboxArgs } from './redis-outbox.lua';
import { parseStreamEntries, parseXinfoConsumers } from './redis-replies';

describe('Redis outbox helpers', () => {
  it('lays out events as the Lua fragment reads them: a count, then four values each', () => {
    expect(
      redisOutboxArgs([
        { id: 'e-1', subject: 's.1', payload: '{"a":1}', headers: { h: 'v' } },
        { id: 'e-2', subject: 's.2', payload: '{}', headers: {} },
      ]),
    ).toEqual(['2', 'e-1', 's.1', '{"a":1}', '{"h":"v"}', 'e-2', 's.2', '{}', '{}']);
  });

  it('reads stream entries of a group read, skipping entries deleted meanwhile', () => {
    const reply = [
      [
        'outbox',
        [
          ['1700000000000-0', ['id', 'e-1', 'subject', 's']],
          ['1700000000001-0', null],
        ],
      ],
    ];

    expect(parseStreamEntries(reply)).toEqual([
      { id: '1700000000000-0', fields: { id: 'e-1', subject: 's' } },
    ]);
    expect(parseStreamEntries(null)).toEqual([]);
  });

  it('reads the consumers of a group from their flat name/value lists', () => {
    const reply = [
      ['name', 'relay-1', 'pending', 2, 'idle', 10, 'inactive', 10],
      ['name', 'relay-2', 'pending', 0, 'idle', 99_000],
    ];

    expect(parseXinfoConsumers(reply)).toEqual([
      { name: 'relay-1', pending: 2, idle: 10 },
      { name: 'relay-2', pending: 0, idle: 99_000 },
    ]);
  });
});
