import { mongo } from 'mongoose';
import { isStoreUnavailable } from './store-unavailable';

const socketEnded = () =>
  Object.assign(new Error('This socket has been ended by the other party'), { code: 'EPIPE' });
const bulkWriteFailedOn = (cause: Error) =>
  new mongo.MongoBulkWriteError(cause, {} as mongo.BulkWriteResult);

describe('isStoreUnavailable (MongoDB)', () => {
  it.each([
    ['a lost connection', new mongo.MongoNetworkError('connection reset')],
    ['a client not connected', new mongo.MongoNotConnectedError('not connected')],
    ['a server shutting down', new mongo.MongoServerError({ message: 'bye', code: 91 })],
    ['a socket ended by the server', socketEnded()],
    ['an insertMany cut by a lost connection', bulkWriteFailedOn(new mongo.MongoNetworkError('x'))],
    ['an insertMany cut by an ended socket', bulkWriteFailedOn(socketEnded())],
    ['Mongoose giving up buffering', new Error('products.insertOne() buffering timed out')],
  ])('says %s means the store is unavailable', (_, error) => {
    expect(isStoreUnavailable(error)).toBe(true);
  });

  it.each([
    ['a duplicate key', new mongo.MongoServerError({ message: 'E11000', code: 11000 })],
    [
      'an insertMany refused for a duplicate key',
      new mongo.MongoBulkWriteError(
        { message: 'E11000', code: 11000, writeErrors: [] },
        {} as mongo.BulkWriteResult,
      ),
    ],
    ['a bug', new TypeError('cannot read properties of undefined')],
  ])('says %s is not an outage', (_, error) => {
    expect(isStoreUnavailable(error)).toBe(false);
  });
});
