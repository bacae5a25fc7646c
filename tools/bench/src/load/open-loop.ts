import { epochMs } from './clock';

/** What placing one order gave: the order id when the system accepted it. */
export interface Placement {
  status: number;
  orderId?: string;
}

/** One request of a run, on the wall clock (epoch ms). */
export interface RequestRecord {
  /** When the schedule said to send it: latencies count from here. */
  intendedAt: number;
  sentAt: number;
  answeredAt: number;
  status: number;
  orderId?: string;
}

/**
 * Open loop: request `n` is due at `start + n / rate` and is sent then whatever happened to
 * the others, so a system that slows down meets the same arrivals and its latency, counted
 * from the intended time, shows it (no coordinated omission). Resolves when all are answered.
 */
export async function runOpenLoop(
  rate: number,
  seconds: number,
  place: (n: number) => Promise<Placement>,
): Promise<RequestRecord[]> {
  const total = Math.max(1, Math.round(rate * seconds));
  const interval = 1_000 / rate;
  const start = epochMs() + 20;
  const records: Promise<RequestRecord>[] = [];
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = epochMs();
      while (records.length < total && start + records.length * interval <= now) {
        const intendedAt = start + records.length * interval;
        const sentAt = epochMs();
        records.push(
          place(records.length).then((placement) => ({
            intendedAt,
            sentAt,
            answeredAt: epochMs(),
            ...placement,
          })),
        );
      }
      if (records.length === total) resolve();
      else setTimeout(tick, Math.max(0, start + records.length * interval - epochMs()));
    };
    setTimeout(tick, Math.max(0, start - epochMs()));
  });
  return Promise.all(records);
}

/**
 * Closed loop: `concurrency` senders, each placing its next order as soon as the previous one
 * is answered, for `seconds`. The intended time of a request is when it was sent.
 */
export async function runClosedLoop(
  concurrency: number,
  seconds: number,
  place: (n: number) => Promise<Placement>,
): Promise<RequestRecord[]> {
  const records: RequestRecord[] = [];
  const end = epochMs() + seconds * 1_000;
  let n = 0;
  const sender = async () => {
    while (epochMs() < end) {
      const sentAt = epochMs();
      const placement = await place(n++);
      records.push({ intendedAt: sentAt, sentAt, answeredAt: epochMs(), ...placement });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, sender));
  return records;
}
