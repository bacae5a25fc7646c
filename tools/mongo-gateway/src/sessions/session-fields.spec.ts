import { Long, UUID } from 'bson';
import { readSessionFields } from './session-fields';

describe('readSessionFields', () => {
  it('reads the fields of a command inside a transaction', () => {
    const id = new UUID();
    const fields = readSessionFields({
      insert: 'c',
      lsid: { id },
      txnNumber: Long.fromNumber(4),
      autocommit: false,
      startTransaction: true,
    });
    expect(fields.sessionId).toBe(id.toHexString(false));
    expect(fields.txnNumber?.toString()).toBe('4');
    expect(fields).toMatchObject({ autocommit: false, startTransaction: true });
  });

  it('leaves everything unset for a command outside a session', () => {
    expect(readSessionFields({ ping: 1 })).toEqual({
      sessionId: undefined,
      txnNumber: undefined,
      autocommit: undefined,
      startTransaction: false,
    });
  });
});
