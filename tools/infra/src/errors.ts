/**
 * A failure reported to the person running `infra:*`: the message says what is wrong and where
 * to look (port, store, log tail), so the CLI prints it without a stack trace.
 */
export class InfraError extends Error {
  override readonly name = 'InfraError';
}

export const errorMessage = (error: unknown) =>
  error instanceof Error ? error.message : String(error);
