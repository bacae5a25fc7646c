/** The message of anything thrown, for logs and health details; never throws itself. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    // Circular or BigInt-holding values cannot be JSON.
    return String(error);
  }
}
