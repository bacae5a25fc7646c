import { isStoreUnavailable } from './store-unavailable';

const named = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('isStoreUnavailable (Redis)', () => {
  it.each([
    [
      'a command given up after maxRetriesPerRequest',
      named('MaxRetriesPerRequestError', 'Reached the max retries per request limit (which is 2).'),
    ],
    ['a closed connection', new Error('Connection is closed.')],
    [
      'a refused socket',
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    ],
    ['a server loading its data', named('ReplyError', 'LOADING Redis is loading the dataset')],
    [
      'a replica made read-only',
      named('ReplyError', "READONLY You can't write against a replica."),
    ],
  ])('says %s means the store is unavailable', (_, error) => {
    expect(isStoreUnavailable(error)).toBe(true);
  });

  it.each([
    ['a script error', named('ReplyError', 'ERR user_script:12: attempt to compare nil')],
    ['a wrong type', named('ReplyError', 'WRONGTYPE Operation against a key')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'split')")],
    ['a non-error', 'Connection is closed.'],
  ])('says %s is not an outage', (_, error) => {
    expect(isStoreUnavailable(error)).toBe(false);
  });
});
