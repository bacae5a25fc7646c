import { counterDelta, scriptCalls, sumCounters } from './counters';

describe('scriptCalls', () => {
  it('adds the calls of the script commands only', () => {
    const info = [
      '# Commandstats',
      'cmdstat_evalsha:calls=120,usec=900,usec_per_call=7.50,rejected_calls=0,failed_calls=0',
      'cmdstat_eval:calls=3,usec=30,usec_per_call=10.00,rejected_calls=0,failed_calls=0',
      'cmdstat_evalsha_ro:calls=50,usec=100,usec_per_call=2.00,rejected_calls=0,failed_calls=0',
      'cmdstat_hgetall:calls=999,usec=100,usec_per_call=0.10,rejected_calls=0,failed_calls=0',
    ].join('\r\n');

    expect(scriptCalls(info)).toBe(123);
  });
});

describe('counterDelta and sumCounters', () => {
  it('subtract and add every counter', () => {
    const before = {
      pgUserWrites: 10,
      pgPaymentWrites: 20,
      mariadbCommits: 30,
      redisScripts: 40,
      publishes: 50,
      deliveries: 60,
    };
    const after = { ...before, pgPaymentWrites: 26, mariadbCommits: 42, deliveries: 78 };

    expect(counterDelta(before, after)).toEqual({
      pgUserWrites: 0,
      pgPaymentWrites: 6,
      mariadbCommits: 12,
      redisScripts: 0,
      publishes: 0,
      deliveries: 18,
    });
    expect(sumCounters(before, counterDelta(before, after))).toEqual(after);
  });
});
