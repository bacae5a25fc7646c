/**
 * The wire format of Nest's NATS transport, which the services' `@MessagePattern` handlers
 * speak: the request body is `{pattern, data, id}` as JSON, the reply `{id, response}` or
 * `{id, err}` (plus `isDisposed` once the handler's stream is done).
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** What a Nest NATS reply says: the handler's answer, or that the handler failed. */
export type NestReply =
  | { readonly ok: true; readonly response: unknown }
  | { readonly ok: false; readonly error: string };

/** The body of a request to a Nest `@MessagePattern(pattern)` handler. */
export function encodeNestRequest(pattern: string, data: unknown, id: string): Uint8Array {
  return encoder.encode(JSON.stringify({ pattern, data, id }));
}

const describe = (err: unknown): string => {
  if (typeof err === 'string') return err;
  const message = (err as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : JSON.stringify(err);
};

/** Reads a reply body; a body that is not a Nest reply is reported as a failure. */
export function decodeNestReply(body: Uint8Array): NestReply {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(body));
  } catch {
    return { ok: false, error: 'the reply is not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: 'the reply is not an object' };
  }
  const { err, response, isDisposed } = value as Record<string, unknown>;
  if (err !== undefined && err !== null) return { ok: false, error: describe(err) };
  // Like Nest's own client: a body without any reply member is the answer itself.
  if (response === undefined && isDisposed === undefined) return { ok: true, response: value };
  return { ok: true, response };
}
