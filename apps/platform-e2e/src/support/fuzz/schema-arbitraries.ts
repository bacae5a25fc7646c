import fc, { type Arbitrary } from 'fast-check';
import { HTTP_BODY_LIMIT_BYTES } from '@polyshop/service-runtime';
import {
  AWKWARD_UNICODE,
  EDGE_NUMBERS,
  INJECTIONS,
  NOSQL_OPERATORS,
  POLLUTING_KEYS,
  deeplyNested,
  longString,
  objectOf,
  type Fuzzed,
} from './json-values';
import type { JsonSchema } from './openapi';

/**
 * Strings naming things that exist (a product, an order, a user and their email): drawn where
 * a schema wants a string, so that some requests get past validation to the services and their
 * stores instead of all stopping at the first check.
 */
export type KnownValues = readonly string[];

/** How values are drawn: `conforming` keeps to the schema; `hostile` mutates it anywhere. */
export type Mode = 'conforming' | 'hostile';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** Deep enough to exhaust any recursive walk, and sometimes over the body limit as well. */
const deepNesting = fc
  .tuple(fc.integer({ min: 1, max: 50_000 }), fc.constantFrom('array' as const, 'object' as const))
  .map(([depth, kind]) => deeplyNested(depth, kind));

/** What fits no schema: wrong types, operators, prototype pollution, deep nesting, any JSON. */
const anyHostile: Arbitrary<Fuzzed> = fc.oneof(
  fc.constantFrom<Fuzzed>(null, true, false, [], {}, ''),
  fc.constantFrom(...NOSQL_OPERATORS),
  fc
    .constantFrom(...POLLUTING_KEYS)
    .map((key) => objectOf([[key, { role: 'admin', polluted: true }]])),
  deepNesting,
  fc.jsonValue({ maxDepth: 3 }) as Arbitrary<Fuzzed>,
);

/** Keys no schema declares: pollution, mass assignment of what the server owns, operators. */
const unknownKey = fc.oneof(
  fc.constantFrom(...POLLUTING_KEYS),
  fc.constantFrom(
    'role',
    'userId',
    'id',
    '_id',
    'status',
    'total',
    'unitPrice',
    'isAdmin',
    '$where',
  ),
  fc.string({ minLength: 1, maxLength: 12 }),
);

const awkwardStrings = fc.oneof(
  fc.constantFrom(...INJECTIONS, ...AWKWARD_UNICODE),
  fc.string({ unit: fc.constantFrom(...AWKWARD_UNICODE, 'a', ' '), minLength: 1, maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Hex digits as one class and other letters as another: any two ObjectIds look alike. */
const shapeOf = (text: string) => text.replace(/[0-9a-f]/gi, 'x').replace(/[g-z]/gi, 'a');

/** Whether a known value could be meant where `schema` is: its format, or its example's shape. */
function fits(value: string, schema: JsonSchema): boolean {
  if (schema.format === 'uuid') return UUID.test(value);
  if (schema.format === 'email') return value.includes('@');
  if (typeof schema.example === 'string') return shapeOf(value) === shapeOf(schema.example);
  return true;
}

function conformingString(schema: JsonSchema, known: KnownValues): Arbitrary<Fuzzed> {
  if (schema.format === 'date-time') {
    return fc.date({ noInvalidDate: true }).map((date) => date.toISOString());
  }
  const candidates: Array<fc.WeightedArbitrary<Fuzzed>> = [];
  const add = (arbitrary: Arbitrary<Fuzzed>, weight = 1) => candidates.push({ weight, arbitrary });
  // Known values that fit come first: they meet the rules a schema does not say (what an id is).
  const fitting = known.filter((value) => fits(value, schema));
  if (fitting.length > 0) add(fc.constantFrom(...fitting), 3);
  if (schema.example !== undefined) add(fc.constant(schema.example as Fuzzed));
  if (schema.format === 'uuid') {
    add(fc.uuid());
    return fc.oneof(...candidates);
  }
  if (schema.format === 'email') {
    add(fc.emailAddress().filter((email) => email.length <= (schema.maxLength ?? 254)));
    return fc.oneof(...candidates);
  }
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 40, 40));
  add(fc.string({ minLength, maxLength }));
  if (schema.maxLength !== undefined) add(fc.constant('y'.repeat(schema.maxLength)));
  return fc.oneof(...candidates);
}

function hostileString(schema: JsonSchema, known: KnownValues): Arbitrary<Fuzzed> {
  const candidates: Array<Arbitrary<Fuzzed>> = [
    awkwardStrings,
    fc.constantFrom('', ' ', '\t\n'),
    // A real value with something around it: past a lax prefix or exact-match check.
    fc
      .tuple(
        fc.constantFrom(...known),
        fc.constantFrom('\u0000', ' ', '\n', "'", '"', '%00', '\ud800'),
      )
      .map(([value, extra]) => value + extra),
    fc.integer({ min: 1, max: HTTP_BODY_LIMIT_BYTES + 1024 }).map((length) => longString(length)),
    fc.constantFrom(...EDGE_NUMBERS),
  ];
  if (schema.maxLength !== undefined) {
    candidates.push(fc.constant('x'.repeat(schema.maxLength + 1)));
  }
  if (schema.minLength !== undefined && schema.minLength > 0) {
    candidates.push(fc.constant('x'.repeat(schema.minLength - 1)));
  }
  if (schema.format === 'email') {
    candidates.push(fc.constantFrom('a@b', '@example.test', 'a@@example.test', 'a@example..test'));
  }
  return fc.oneof(...candidates);
}

function hostileNumber(schema: JsonSchema): Arbitrary<Fuzzed> {
  const candidates: Array<Arbitrary<Fuzzed>> = [
    fc.constantFrom(...EDGE_NUMBERS),
    fc.double(),
    fc.integer().map(String),
    fc.constantFrom('1', '\uff11', '0x10', '1e3', ' 1'),
  ];
  // fc.integer stays within 32 bits; EDGE_NUMBERS go further.
  if (schema.minimum !== undefined && schema.minimum > INT32_MIN) {
    candidates.push(fc.integer({ min: INT32_MIN, max: Math.ceil(schema.minimum) - 1 }));
  }
  if (schema.maximum !== undefined && schema.maximum < INT32_MAX) {
    candidates.push(fc.integer({ min: Math.floor(schema.maximum) + 1, max: INT32_MAX }));
  }
  return fc.oneof(...candidates);
}

/**
 * Values for `schema`. `conforming` ones keep to what the document says (a server may still
 * refuse them for rules it does not say: an unknown id, a taken SKU). `hostile` ones are
 * conforming ones with mutations at any depth: a value of the wrong type or out of range,
 * strings too long, awkward or aimed at a query language, required fields left out, unknown
 * and prototype-polluting fields added, nesting deeper than any stack.
 */
export function valueOf(schema: JsonSchema, known: KnownValues, mode: Mode): Arbitrary<Fuzzed> {
  const own = conformingValue(schema, known, mode);
  if (mode === 'conforming') return own;
  return fc.oneof(
    { weight: 4, arbitrary: own },
    { weight: 1, arbitrary: hostileValue(schema, known) },
  );
}

function conformingValue(schema: JsonSchema, known: KnownValues, mode: Mode): Arbitrary<Fuzzed> {
  const value = ((): Arbitrary<Fuzzed> => {
    if (schema.enum !== undefined) return fc.constantFrom(...(schema.enum as Fuzzed[]));
    switch (schema.type) {
      case 'string':
        return conformingString(schema, known);
      case 'integer': {
        const min = Math.max(schema.minimum ?? -1_000_000, INT32_MIN);
        const max = Math.min(schema.maximum ?? Math.max(min, 0) + 1_000_000, INT32_MAX);
        return fc.integer({ min, max });
      }
      case 'number':
        return fc.double({
          min: schema.minimum,
          max: schema.maximum,
          noNaN: true,
          noDefaultInfinity: true,
        });
      case 'boolean':
        return fc.boolean();
      case 'array': {
        const minLength = schema.minItems ?? 0;
        return fc.array(valueOf(schema.items ?? {}, known, mode), {
          minLength,
          maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 4, 4)),
        });
      }
      case 'object':
        return objectValue(schema, known, mode);
      case undefined:
        return fc.jsonValue({ maxDepth: 2 }) as Arbitrary<Fuzzed>;
    }
  })();
  return schema.nullable ? fc.option(value, { nil: null }) : value;
}

function objectValue(schema: JsonSchema, known: KnownValues, mode: Mode): Arbitrary<Fuzzed> {
  const properties = schema.properties ?? {};
  const required = (schema.required ?? []).filter((key) => key in properties);
  const fields = fc.record(
    Object.fromEntries(
      Object.entries(properties).map(([key, property]) => [key, valueOf(property, known, mode)]),
    ),
    { requiredKeys: required },
  );
  if (mode === 'conforming') return fields;
  const dropped: Arbitrary<string | undefined> =
    required.length === 0
      ? fc.constant(undefined)
      : fc.oneof(
          { weight: 6, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: fc.constantFrom(...required) },
        );
  const extras = fc.oneof(
    { weight: 5, arbitrary: fc.constant([]) },
    {
      weight: 1,
      arbitrary: fc.array(fc.tuple(unknownKey, fc.oneof(anyHostile, fc.string())), {
        minLength: 1,
        maxLength: 2,
      }),
    },
  );
  return fc
    .tuple(fields, dropped, extras)
    .map(([values, drop, added]) =>
      objectOf([
        ...Object.entries(values).filter(
          (entry): entry is [string, Fuzzed] => entry[0] !== drop && entry[1] !== undefined,
        ),
        ...added,
      ]),
    );
}

function hostileValue(schema: JsonSchema, known: KnownValues): Arbitrary<Fuzzed> {
  const ownType = ((): Arbitrary<Fuzzed> | undefined => {
    switch (schema.type) {
      case 'string':
        return hostileString(schema, known);
      case 'integer':
      case 'number':
        return hostileNumber(schema);
      case 'array': {
        const item = conformingValue(schema.items ?? {}, known, 'conforming');
        const tooMany = (schema.maxItems ?? 1_000) + 1;
        return fc.oneof<Array<Arbitrary<Fuzzed>>>(
          fc.constant([]),
          fc.array(item, { minLength: tooMany, maxLength: tooMany + 2 }),
          fc.array(hostileValue(schema.items ?? {}, known), { minLength: 1, maxLength: 3 }),
          item,
        );
      }
      case 'object':
        return fc.array(objectValue(schema, known, 'conforming'), { maxLength: 2 });
      case 'boolean':
      case undefined:
        return undefined;
    }
  })();
  return ownType === undefined
    ? anyHostile
    : fc.oneof({ weight: 2, arbitrary: ownType }, { weight: 1, arbitrary: anyHostile });
}
