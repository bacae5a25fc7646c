import { Long } from 'bson';
import { encodeDocument } from './bson-values';
import { peekCursorId } from './peek-cursor-id';

describe('peekCursorId', () => {
  it('reads cursor.id without decoding the batch, whatever precedes it', () => {
    const reply = encodeDocument({
      note: 'x',
      flag: true,
      cursor: {
        firstBatch: [{ a: /re/i, b: 1.5 }],
        id: Long.fromString('7285131759140378'),
        ns: 'db.c',
      },
      ok: 1,
    });
    expect(peekCursorId(reply)?.toString()).toBe('7285131759140378');
  });

  it('reads an exhausted cursor as 0 and a reply without cursor as unknown', () => {
    expect(
      peekCursorId(encodeDocument({ cursor: { id: Long.ZERO, nextBatch: [] }, ok: 1 }))?.isZero(),
    ).toBe(true);
    expect(peekCursorId(encodeDocument({ n: 3, ok: 1 }))).toBeUndefined();
  });
});
