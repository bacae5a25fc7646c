/** One stream entry with its fields. */
export interface StreamEntry {
  readonly id: string;
  readonly fields: Readonly<Record<string, string>>;
}

/** A consumer of a group as `XINFO CONSUMERS` describes it. */
export interface StreamConsumer {
  readonly name: string;
  readonly pending: number;
  readonly idle: number;
}

/**
 * Entries of an `XREADGROUP`/`XREAD` reply (`[[key, [[id, [field, value, ...]], ...]]]`, or
 * null when there is nothing). Entries deleted meanwhile come back with null fields and are
 * skipped.
 */
export function parseStreamEntries(reply: unknown): StreamEntry[] {
  if (!Array.isArray(reply)) return [];
  const entries: StreamEntry[] = [];
  for (const stream of reply) {
    if (!Array.isArray(stream) || !Array.isArray(stream[1])) continue;
    for (const entry of stream[1] as unknown[]) {
      if (!Array.isArray(entry) || !Array.isArray(entry[1])) continue;
      entries.push({ id: String(entry[0]), fields: pairs(entry[1] as unknown[]) });
    }
  }
  return entries;
}

/** `XINFO CONSUMERS` as records (RESP2 gives each consumer as a flat name/value list). */
export function parseXinfoConsumers(reply: unknown): StreamConsumer[] {
  if (!Array.isArray(reply)) return [];
  return reply.filter(Array.isArray).map((row) => {
    const info = pairs(row as unknown[]);
    return { name: info.name, pending: Number(info.pending), idle: Number(info.idle) };
  });
}

function pairs(flat: readonly unknown[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) record[String(flat[i])] = String(flat[i + 1]);
  return record;
}
