import fc from 'fast-check';

/**
 * JSON text put into a body as it is: what `JSON.stringify` cannot write (nesting deeper than
 * its stack, `1e999`, `-0`, integers past 2^53) or what is too long to print in a
 * counterexample. A counterexample shows its label.
 */
export class RawJson {
  constructor(
    readonly text: string,
    readonly label: string,
  ) {}

  [fc.toStringMethod](): string {
    return this.label;
  }
}

/** A generated body: JSON values, with raw text wherever a `RawJson` stands. */
export type Fuzzed = null | boolean | number | string | RawJson | Fuzzed[] | FuzzedObject;
export interface FuzzedObject {
  [key: string]: Fuzzed;
}

/** The JSON text of a generated body; own keys such as `__proto__` are written like any other. */
export function jsonText(value: Fuzzed): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.keys(value).map(
      (key) => `${JSON.stringify(key)}:${jsonText(value[key])}`,
    );
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** An object with these own entries, `__proto__` and `constructor` included as plain keys. */
export function objectOf(entries: ReadonlyArray<readonly [string, Fuzzed]>): FuzzedObject {
  const object: FuzzedObject = {};
  for (const [key, value] of entries) {
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return object;
}

/** `depth` nested arrays or objects around a 1. */
export const deeplyNested = (depth: number, kind: 'array' | 'object') =>
  kind === 'array'
    ? new RawJson(`${'['.repeat(depth)}1${']'.repeat(depth)}`, `${depth} nested arrays`)
    : new RawJson(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`, `${depth} nested objects`);

/** A string of `length` characters, printed as its length. */
export const longString = (length: number, unit = 'x') =>
  new RawJson(JSON.stringify(unit.repeat(length)), `${JSON.stringify(unit)} × ${length}`);

/** Numbers at the edges of what JSON parsers, validators and columns make of them. */
export const EDGE_NUMBERS: readonly Fuzzed[] = [
  -1,
  0,
  0.5,
  -0.5,
  1.5,
  2 ** 31,
  2 ** 32,
  2 ** 53,
  -(2 ** 53),
  Number.MAX_SAFE_INTEGER,
  1e21,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  new RawJson('-0', '-0'),
  new RawJson('1e999', '1e999'),
  new RawJson('-1e999', '-1e999'),
  new RawJson('123456789012345678901234567890', '123456789012345678901234567890'),
  new RawJson('1E2', '1E2'),
  new RawJson('0.1e1', '0.1e1'),
];

/** Strings aimed at SQL, NoSQL, templates, paths and logs. */
export const INJECTIONS: readonly string[] = [
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '" OR ""="',
  '1; SELECT pg_sleep(5)',
  "1' AND SLEEP(5)#",
  "admin'--",
  '\\',
  '%',
  '_',
  '.*',
  '(a+)+$',
  '{"$gt": ""}',
  '$where',
  'this.constructor.constructor("return process")().exit()',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '${jndi:ldap://127.0.0.1/a}',
  '{{7*7}}',
  'a\r\nX-Injected: 1',
  '\u0000',
];

/** MongoDB query operators where a string is expected. */
export const NOSQL_OPERATORS: readonly Fuzzed[] = [
  { $gt: '' },
  { $ne: null },
  { $regex: '.*' },
  { $where: 'sleep(1000)' },
  { $in: [] },
  { $exists: true },
  { $expr: { $eq: [1, 1] } },
];

/** Unicode that breaks naive handling: lone surrogates, controls, direction and joiners. */
export const AWKWARD_UNICODE: readonly string[] = [
  '\ud800',
  '\udfff',
  'a\ud83d',
  '\ud800@example.test',
  '\u202e',
  '\u200b',
  '\ufeff',
  'e\u0301',
  '\u{1F469}\u200d\u{1F469}\u200d\u{1F467}',
  '\u0000',
  '\uffff',
  '\u0130\u0131',
  '\uff11\uff12\uff13',
  '\u001b[31m',
];

/** Keys that pollute a prototype when a parser or a merge copies them naively. */
export const POLLUTING_KEYS: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '__defineGetter__',
];
