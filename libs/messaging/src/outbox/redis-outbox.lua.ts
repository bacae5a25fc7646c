import type { OutgoingEvent } from '../publishing/outgoing-event';

/**
 * Lua to paste at the top of a service's script (before its own code) so that the script's
 * state change and its events are one atomic unit. It defines
 * `polyshop_outbox_append(stream, argv, from)`: appends the events that
 * `redisOutboxArgs(events)` put in `argv` from position `from` to the outbox stream (pass its
 * key in KEYS) and returns the position after them, where the script's next arguments start.
 *
 * Redis runs a script atomically but does not roll back what it already wrote when it fails
 * halfway: do every check first, then the writes (this call included).
 */
export const REDIS_OUTBOX_LUA = `
local function polyshop_outbox_append(stream, argv, from)
  local count = tonumber(argv[from])
  local at = from + 1
  for _ = 1, count do
    redis.call('XADD', stream, '*', 'id', argv[at], 'subject', argv[at + 1],
      'payload', argv[at + 2], 'headers', argv[at + 3])
    at = at + 4
  end
  return at
end
`;

/** The script arguments that `polyshop_outbox_append` reads: a count, then 4 per event. */
export function redisOutboxArgs(events: readonly OutgoingEvent[]): string[] {
  return [
    String(events.length),
    ...events.flatMap((event) => [
      event.id,
      event.subject,
      event.payload,
      JSON.stringify(event.headers),
    ]),
  ];
}
