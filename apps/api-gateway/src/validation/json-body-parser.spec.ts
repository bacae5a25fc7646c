import { bodyProblemOf, MAX_JSON_DEPTH } from './json-body-parser';

/** `depth` nested arrays around a 1, parsed as the gateway parses a body. */
const nestedArrays = (depth: number): unknown =>
  JSON.parse(`${'['.repeat(depth)}1${']'.repeat(depth)}`);

describe('bodyProblemOf', () => {
  it('accepts a body nested as deep as the limit, and refuses one level more', () => {
    expect(bodyProblemOf(nestedArrays(MAX_JSON_DEPTH))).toBeUndefined();
    expect(bodyProblemOf(nestedArrays(MAX_JSON_DEPTH + 1))).toEqual({
      field: Array.from({ length: MAX_JSON_DEPTH }, () => '0').join('.'),
      problems: [`nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep`],
    });
  });

  it('names the field under which a body nests too deep, objects and arrays alike', () => {
    const deep: unknown = JSON.parse(
      `{"email":"a@b.co","password":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`,
    );

    expect(bodyProblemOf(deep)?.field).toMatch(/^password(\.a)+$/);
  });

  it('walks any depth a body within the size limit can have without running out of stack', () => {
    expect(bodyProblemOf(nestedArrays(100_000))?.problems).toEqual([
      `nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep`,
    ]);
  });

  it.each(['\ud800', '\udfff', 'a\ud83d', '\ud800@example.test', '\ude00\ud83d'])(
    'refuses a lone surrogate in a string value (%j), naming its field',
    (text) => {
      expect(bodyProblemOf({ address: { lines: ['1 rue', text] } })).toEqual({
        field: 'address.lines.1',
        problems: ['must not contain a lone UTF-16 surrogate'],
      });
    },
  );

  it('refuses a lone surrogate in a field name, naming it with U+FFFD in its place', () => {
    expect(bodyProblemOf({ items: [{ 'product\ud800': 1 }] })).toEqual({
      field: 'items.0.product\ufffd',
      problems: ['field names must not contain a lone UTF-16 surrogate'],
    });
  });

  it('accepts what is well-formed: surrogate pairs, joiners, combining marks, U+FFFF', () => {
    const body = {
      name: '\u{1F469}\u200d\u{1F469}\u200d\u{1F467} e\u0301 \uffff \u202e',
      '\u{1F600}': [null, true, 1.5, { '': '' }],
    };

    expect(bodyProblemOf(body)).toBeUndefined();
  });

  it('names a problem of the body itself (root)', () => {
    expect(bodyProblemOf('\ud800')?.field).toBe('(root)');
  });
});
