import { call } from '../api';

/** Where the gateway serves its OpenAPI document (`OPENAPI_JSON_PATH` in its `docs/api-docs.ts`). */
export const OPENAPI_JSON_PATH = '/docs-json';

/** The part of an OpenAPI 3.0 schema object the fuzzing reads, `$ref` and `allOf` resolved. */
export interface JsonSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  format?: string;
  example?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
}

interface RawSchema extends Omit<JsonSchema, 'properties' | 'items'> {
  $ref?: string;
  allOf?: RawSchema[];
  properties?: Record<string, RawSchema>;
  items?: RawSchema;
}

export interface ApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: JsonSchema;
}

/** One operation of the document, as the fuzzing calls it. */
export interface ApiOperation {
  /** `POST /orders/{id}/cancel`: how a counterexample names it. */
  name: string;
  method: string;
  /** The path template, `{name}` for each path parameter. */
  path: string;
  /** Needs a bearer token (its own `security`, or the document's). */
  secured: boolean;
  parameters: ApiParameter[];
  /** The `application/json` request body, if the operation takes one. */
  body?: JsonSchema;
}

interface RawOperation {
  security?: unknown[];
  parameters?: Array<
    Omit<ApiParameter, 'schema' | 'required'> & { required?: boolean; schema?: RawSchema }
  >;
  requestBody?: { content?: Record<string, { schema?: RawSchema }> };
}

interface OpenApiDocument {
  security?: unknown[];
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, RawSchema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Inlines `$ref`s and merges `allOf`s, so the generators see plain schemas. */
function resolver(components: Record<string, RawSchema>) {
  const resolve = (schema: RawSchema, seen: readonly string[] = []): JsonSchema => {
    if (schema.$ref !== undefined) {
      const name = schema.$ref.replace('#/components/schemas/', '');
      const target = components[name];
      if (target === undefined) throw new Error(`OpenAPI document: ${schema.$ref} is not defined`);
      // A recursive schema stops at its second visit: any value is fuzz enough there.
      return seen.includes(name) ? {} : resolve(target, [...seen, name]);
    }
    const { allOf, properties, items, ...own } = schema;
    const merged: JsonSchema = (allOf ?? []).reduce<JsonSchema>(
      (all, part) => ({ ...all, ...resolve(part, seen) }),
      {},
    );
    return {
      ...merged,
      ...own,
      ...(properties && {
        properties: Object.fromEntries(
          Object.entries(properties).map(([key, value]) => [key, resolve(value, seen)]),
        ),
      }),
      ...(items && { items: resolve(items, seen) }),
    };
  };
  return resolve;
}

/**
 * Every operation the gateway documents, read from its OpenAPI document at test time: an
 * endpoint added to the gateway is fuzzed without touching the tests.
 */
export async function loadOperations(): Promise<ApiOperation[]> {
  const answer = await call<OpenApiDocument>('GET', OPENAPI_JSON_PATH);
  if (answer.status !== 200) throw new Error(`OpenAPI document: ${answer.status}`);
  const document = answer.body;
  const resolve = resolver(document.components?.schemas ?? {});
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    METHODS.filter((method) => operations[method] !== undefined).map((method): ApiOperation => {
      const operation = operations[method];
      const body = operation.requestBody?.content?.['application/json']?.schema;
      return {
        name: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        secured: (operation.security ?? document.security ?? []).length > 0,
        parameters: (operation.parameters ?? []).map((parameter) => ({
          name: parameter.name,
          in: parameter.in,
          required: parameter.required ?? parameter.in === 'path',
          schema: resolve(parameter.schema ?? {}),
        })),
        ...(body && { body: resolve(body) }),
      };
    }),
  );
}
