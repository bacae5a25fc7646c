/** The message shape MongoDB uses, which applications and Mongoose plugins match on. */
export function duplicateKeyMessage(ns: string | undefined, indexName: string | undefined): string {
  const where = ns ? ` collection: ${ns}` : '';
  const index = indexName ? ` index: ${indexName}` : '';
  return `E11000 duplicate key error${where}${index}`;
}

/** DocumentDB names the index in its own message: `... Index 'email_1'`. */
export function indexNameFromMessage(message: string): string | undefined {
  return /Index '([^']+)'/.exec(message)?.[1];
}

/** A raw PostgreSQL unique violation names the index's constraint: `documents_rum_index_31`. */
export function indexIdFromConstraint(constraint: string | undefined): number | undefined {
  const match = constraint ? /_index_(\d+)$/.exec(constraint) : null;
  return match ? Number(match[1]) : undefined;
}
