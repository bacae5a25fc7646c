import { useEffect, useState } from 'react';

export interface Polled<T> {
  readonly data: T | null;
  readonly error: Error | null;
}

/**
 * Calls `load` now and every `intervalMs` (after the previous call ended, never overlapping)
 * until the component goes away, `key` changes, or `done(data)` says the data is final.
 */
export function usePolling<T>(
  load: () => Promise<T>,
  intervalMs: number,
  key: string,
  done: (data: T) => boolean = () => false,
): Polled<T> {
  const [state, setState] = useState<Polled<T>>({ data: null, error: null });
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setState({ data: null, error: null });
    const tick = async () => {
      let finished = false;
      try {
        const data = await load();
        finished = done(data);
        if (!stopped) setState({ data, error: null });
      } catch (error) {
        if (!stopped) setState((previous) => ({ data: previous.data, error: error as Error }));
      }
      if (!stopped && !finished) timer = setTimeout(() => void tick(), intervalMs);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // `load` and `done` are new functions on every render; `key` says when they mean new data.
  }, [key, intervalMs]);
  return state;
}
