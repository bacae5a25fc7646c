import fc, { type Arbitrary } from 'fast-check';
import { HTTP_BODY_LIMIT_BYTES } from '@polyshop/service-runtime';
import {
  AWKWARD_UNICODE,
  INJECTIONS,
  RawJson,
  deeplyNested,
  jsonText,
  objectOf,
  type Fuzzed,
} from './json-values';
import type { ApiOperation, ApiParameter, JsonSchema } from './openapi';
import { valueOf, type KnownValues, type Mode } from './schema-arbitraries';

/** Who sends a request: a real session's bearer token, nobody, or a literal Authorization header. */
export type Caller = 'admin' | 'shopper' | 'anonymous' | { forgery: string; authorization: string };

/** One generated request, as a counterexample prints it. */
export interface FuzzRequest {
  /** The documented operation it was generated from, `PATCH /products/{id}`. */
  operation: string;
  method: string;
  /** Path and query, percent-encoded. */
  url: string;
  as: Caller;
  headers: Record<string, string>;
  /** The JSON body; a `RawJson` is sent as its text (malformed, oversized, deeply nested). */
  body?: Fuzzed;
}

/** A long string of a counterexample, printed by its start and length. */
class Abbreviation {
  constructor(private readonly text: string) {}

  [fc.toStringMethod](): string {
    const repeated = /^(.)\1*$/su.exec(this.text)?.[1];
    return repeated === undefined
      ? `${JSON.stringify(this.text.slice(0, 60))}... (${this.text.length} characters)`
      : `${JSON.stringify(repeated)}.repeat(${this.text.length})`;
  }
}

const abbreviated = (value: unknown): unknown => {
  if (typeof value === 'string') return value.length > 120 ? new Abbreviation(value) : value;
  if (value === null || typeof value !== 'object' || value instanceof RawJson) return value;
  if (Array.isArray(value)) return value.map(abbreviated);
  const object = value as Record<string, unknown>;
  return objectOf(Object.keys(object).map((key) => [key, abbreviated(object[key]) as Fuzzed]));
};

/** A request whose counterexample prints long strings (headers, paths, bodies) in brief. */
const printable = (request: FuzzRequest): FuzzRequest =>
  Object.defineProperty(request, fc.toStringMethod, {
    value: () => fc.stringify(abbreviated({ ...request })),
  });

/** Headers every route reads or answers, though the document lists none of them. */
const CROSS_CUTTING_HEADERS = ['x-correlation-id', 'traceparent', 'accept'];

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Percent-encodes a value (a non-string as its JSON); a lone surrogate, which has no UTF-8,
 * becomes U+FFFD as fetch does.
 */
const encode = (value: Fuzzed) =>
  encodeURIComponent(
    (typeof value === 'string' ? value : jsonText(value)).replace(LONE_SURROGATE, '\ufffd'),
  );

/** Percent-encodings that decode to nothing valid, and dot segments. */
const BROKEN_ENCODINGS = [
  '%',
  '%zz',
  '%ED%A0%80',
  '%FF%FE',
  '%00',
  '%C0%AF',
  '%2e%2e',
  '..',
  '%2F',
  '%252F',
];

/** Text of a path or query parameter, already percent-encoded. */
function parameterText(schema: JsonSchema, known: KnownValues, mode: Mode): Arbitrary<string> {
  const conforming = valueOf(schema, known, 'conforming').map(encode);
  if (mode === 'conforming') return conforming;
  const hostile = fc.oneof(
    fc
      .constantFrom(...INJECTIONS, ...AWKWARD_UNICODE, '', ' ', '-1', '1.5', '1e3', '0x10', 'NaN')
      .map(encode),
    fc.constantFrom(...BROKEN_ENCODINGS),
    fc.string({ unit: 'binary', maxLength: 30 }).map(encode),
    // Past any length check, and past the server's limits on a path segment and a request line.
    fc.integer({ min: 1, max: 20_000 }).map((length) => 'a'.repeat(length)),
  );
  return fc.oneof({ weight: 3, arbitrary: conforming }, { weight: 1, arbitrary: hostile });
}

/** What fetch can put in a header: tab, printable ASCII and Latin-1. */
const headerChar = fc
  .integer({ min: 0x20, max: 0xff })
  .filter((code) => code !== 0x7f)
  .map((code) => String.fromCharCode(code));

function headerText(mode: Mode): Arbitrary<string> {
  const conforming = fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 40 }));
  if (mode === 'conforming') return conforming;
  const hostile = fc.oneof(
    fc.string({ unit: headerChar, maxLength: 40 }),
    fc.constantFrom('', 'null', '\t', '00-zzzz-zzzz-01'),
    // Over any length rule, and over the server's limit on the size of all headers.
    fc.integer({ min: 1, max: 20_000 }).map((length) => 'k'.repeat(length)),
  );
  return fc.oneof({ weight: 2, arbitrary: conforming }, { weight: 1, arbitrary: hostile });
}

function urlOf(operation: ApiOperation, known: KnownValues, mode: Mode): Arbitrary<string> {
  const inPath = operation.parameters.filter((p) => p.in === 'path');
  const inQuery = operation.parameters.filter((p) => p.in === 'query');
  // An empty or dot segment is no value: the URL would name another route, or be normalised away.
  const segment = (p: ApiParameter) =>
    parameterText(p.schema, known, mode).filter(
      (text) => mode === 'hostile' || !['', '.', '..'].includes(text),
    );
  const path = fc
    .tuple(...inPath.map(segment))
    .map((values) =>
      inPath.reduce((url, p, i) => url.replace(`{${p.name}}`, () => values[i]), operation.path),
    );
  const pair = (p: ApiParameter) =>
    parameterText(p.schema, known, mode).map((value) => `${encode(p.name)}=${value}`);
  const documented = fc.tuple(
    ...inQuery.map((p) => (p.required ? pair(p) : fc.option(pair(p), { nil: undefined }))),
  );
  const undocumented =
    mode === 'conforming'
      ? fc.constant([])
      : fc.oneof(
          { weight: 4, arbitrary: fc.constant([]) },
          {
            weight: 1,
            arbitrary: fc.array(
              fc.oneof(
                // The same documented parameter twice: an array where a value is expected.
                ...inQuery.map(pair),
                fc
                  .tuple(
                    fc.constantFrom(
                      'q[$ne]',
                      'limit[]',
                      'offset[gt]',
                      '__proto__',
                      'constructor',
                      '$where',
                    ),
                    fc.string({ maxLength: 8 }),
                  )
                  .map(([key, value]) => `${encode(key)}=${encode(value)}`),
              ),
              { minLength: 1, maxLength: 2 },
            ),
          },
        );
  return fc.tuple(path, documented, undocumented).map(([url, own, extra]) => {
    const query = [...own.filter((part) => part !== undefined), ...extra];
    return query.length === 0 ? url : `${url}?${query.join('&')}`;
  });
}

function headersOf(operation: ApiOperation, mode: Mode): Arbitrary<Record<string, string>> {
  const names = [
    ...operation.parameters.filter((p) => p.in === 'header').map((p) => p.name),
    ...(mode === 'hostile' ? CROSS_CUTTING_HEADERS : []),
  ];
  return fc.record(Object.fromEntries(names.map((name) => [name, headerText(mode)])), {
    requiredKeys: [],
  }) as Arbitrary<Record<string, string>>;
}

/** Callers that get past authentication, so that validation and the services are reached. */
export const callerFor = (operation: ApiOperation): Arbitrary<Caller> =>
  operation.secured
    ? fc.constantFrom<Caller>('admin', 'shopper')
    : fc.constant<Caller>('anonymous');

const takesBody = (operation: ApiOperation) => operation.method !== 'GET';

/**
 * Requests for `operation` from its documented parameters and body: `conforming` ones keep to
 * the document, `hostile` ones mutate parameters, headers and body (see `valueOf`) and
 * sometimes drop the token of a secured operation.
 */
export function requestOf(
  operation: ApiOperation,
  known: KnownValues,
  mode: Mode,
  caller: Arbitrary<Caller> = mode === 'conforming'
    ? callerFor(operation)
    : fc.oneof(
        { weight: 4, arbitrary: callerFor(operation) },
        { weight: 1, arbitrary: fc.constant<Caller>('anonymous') },
      ),
): Arbitrary<FuzzRequest> {
  const body: Arbitrary<Fuzzed | undefined> = operation.body
    ? valueOf(operation.body, known, mode)
    : fc.constant(undefined);
  return fc
    .record({
      url: urlOf(operation, known, mode),
      as: caller,
      headers: headersOf(operation, mode),
      body,
    })
    .map(({ body: sent, ...request }) =>
      printable({
        operation: operation.name,
        method: operation.method,
        ...request,
        ...(sent !== undefined && takesBody(operation) && { body: sent }),
      }),
    );
}

/** A raw text body: printed as is when short, by its start and size otherwise. */
const rawText = (text: string) =>
  new RawJson(
    text,
    text.length <= 200
      ? JSON.stringify(text)
      : `${JSON.stringify(text.slice(0, 80))}... (${Buffer.byteLength(text)} bytes)`,
  );

/** A JSON object of exactly `bytes` bytes (unknown field `pad`), to probe the body limit. */
const bodyOfSize = (bytes: number) => {
  const text = `{"pad":"${'x'.repeat(bytes - '{"pad":""}'.length)}"}`;
  return new RawJson(text, `${bytes}-byte JSON object`);
};

/** Texts no JSON parser should take as JSON, or should take with care. */
const NOT_QUITE_JSON = [
  "{'a': 1}",
  '{a:1}',
  '{"a":1,}',
  '[1,]',
  'NaN',
  'Infinity',
  '{"a":NaN}',
  '{"a":01}',
  '// comment\n{}',
  '/* comment */{}',
  '\ufeff{}',
  'undefined',
  '',
  ' ',
  '{"a":"\\x41"}',
  '{"a":"\\ud800"}',
  '"\\u0000"',
  'null',
  'true',
  '0',
  '"text"',
  '[]',
  '[[]]',
  '{"a":1}{"a":2}',
  '{"__proto__":{"role":"admin"}}',
  '{"constructor":{"prototype":{"role":"admin"}}}',
];

const CONTENT_TYPES = [
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  'application/json;;',
  'text/plain',
  'text/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/merge-patch+json',
  '*/*',
  '',
];

/** Bodies that are not the JSON of the document: malformed, of another type, or too large. */
function rawBodyOf(operation: ApiOperation, known: KnownValues): Arbitrary<RawJson> {
  const valid = (
    operation.body ? valueOf(operation.body, known, 'conforming') : fc.constant({})
  ).map(jsonText);
  return fc.oneof(
    valid.chain((text) =>
      fc.nat({ max: text.length - 1 }).map((end) => rawText(text.slice(0, end))),
    ),
    fc
      .tuple(valid, fc.constantFrom('}', ']', ',', 'x', '{}', ' null', '\u0000'))
      .map(([text, tail]) => rawText(text + tail)),
    fc
      .tuple(
        valid,
        fc.nat(),
        fc.constantFrom('"', '{', '}', '[', ',', ':', '\\', '\u0000', '\ud800'),
      )
      .map(([text, at, char]) => {
        const i = at % text.length;
        return rawText(text.slice(0, i) + char + text.slice(i + 1));
      }),
    fc.constantFrom(...NOT_QUITE_JSON).map(rawText),
    fc.string({ unit: 'binary', maxLength: 60 }).map(rawText),
    fc
      .integer({ min: HTTP_BODY_LIMIT_BYTES - 64, max: HTTP_BODY_LIMIT_BYTES + 64 })
      .map(bodyOfSize),
    fc
      .tuple(
        fc.integer({ min: 1, max: 200_000 }),
        fc.constantFrom('array' as const, 'object' as const),
      )
      .map(([depth, kind]) => deeplyNested(depth, kind)),
  );
}

/** Requests that carry something other than the document's JSON, under various content types. */
export function rawBodyRequestOf(
  operation: ApiOperation,
  known: KnownValues,
): Arbitrary<FuzzRequest> {
  const contentType = fc.oneof(
    { weight: 3, arbitrary: fc.constant('application/json') },
    { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
    { weight: 1, arbitrary: fc.string({ unit: headerChar, maxLength: 30 }) },
  );
  return fc
    .record({
      url: urlOf(operation, known, 'conforming'),
      as: callerFor(operation),
      contentType,
      body: rawBodyOf(operation, known),
    })
    .map(({ contentType: type, ...request }) =>
      printable({
        operation: operation.name,
        method: operation.method,
        headers: { 'content-type': type },
        ...request,
      }),
    );
}

/** The operations that take a body at all (fetch sends none with a GET). */
export const withBodies = (operations: readonly ApiOperation[]) => operations.filter(takesBody);
