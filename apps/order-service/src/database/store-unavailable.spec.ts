import { isStoreUnavailable } from './store-unavailable';

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe('isStoreUnavailable (MariaDB)', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED')],
    ['a connection lost mid-query', withCode('PROTOCOL_CONNECTION_LOST')],
    ['a server out of connections', withCode('ER_CON_COUNT_ERROR')],
    ['a query failed on a lost connection', { driverError: withCode('PROTOCOL_CONNECTION_LOST') }],
  ])('says %s means the store is unavailable', (_, error) => {
    expect(isStoreUnavailable(error)).toBe(true);
  });

  it.each([
    ['a duplicate key', { driverError: withCode('ER_DUP_ENTRY') }],
    ['a bug', new TypeError('x is undefined')],
    ['nothing', undefined],
  ])('says %s is not an outage', (_, error) => {
    expect(isStoreUnavailable(error)).toBe(false);
  });
});
