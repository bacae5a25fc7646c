import { errorMessage, withTimeout } from '@polyshop/service-runtime';

export interface WaitForOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Names the awaited condition in the timeout error. */
  description?: string;
}

/**
 * Polls `probe` until it returns a value that `accept` takes, or fails after the deadline with
 * the last value seen. A probe that hangs is cut off at the deadline too. The way tests wait:
 * never a fixed sleep.
 */
export async function waitFor<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  { timeoutMs = 15_000, intervalMs = 100, description = 'condition' }: WaitForOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await withTimeout(probe(), Math.max(1, deadline - Date.now()), 'probe');
      if (accept(last)) return last;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${description}; last value: ${JSON.stringify(last)}` +
      (lastError === undefined ? '' : `; last error: ${errorMessage(lastError)}`),
  );
}
