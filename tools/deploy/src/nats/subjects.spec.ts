import { matchesSubject } from './subjects';

describe('matchesSubject', () => {
  it('matches literal subjects token by token', () => {
    expect(matchesSubject('order.placed.v1', 'order.placed.v1')).toBe(true);
    expect(matchesSubject('order.placed.v1', 'order.placed.v2')).toBe(false);
    expect(matchesSubject('order.placed', 'order.placed.v1')).toBe(false);
  });

  it('takes * for exactly one token and a final > for one or more', () => {
    expect(
      matchesSubject(
        '$JS.API.CONSUMER.INFO.DEAD_LETTERS.*',
        '$JS.API.CONSUMER.INFO.DEAD_LETTERS.x',
      ),
    ).toBe(true);
    expect(
      matchesSubject('$JS.API.CONSUMER.INFO.DEAD_LETTERS.*', '$JS.API.CONSUMER.INFO.DEAD_LETTERS'),
    ).toBe(false);
    expect(matchesSubject('_INBOX.>', '_INBOX.abc.def')).toBe(true);
    expect(matchesSubject('_INBOX.>', '_INBOX')).toBe(false);
  });
});
