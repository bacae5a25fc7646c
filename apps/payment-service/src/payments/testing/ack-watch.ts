import { waitFor } from '@polyshop/testing';
import type { Msg, NatsConnection, Subscription } from 'nats';

/** How a consumer answered one delivery: `+ACK`, `-NAK` (retry later), `+TERM`, `+WPI`. */
export type AckOutcome = '+ACK' | '-NAK' | '+TERM' | '+WPI';

/**
 * Watches the acknowledgements a durable consumer sends the broker (`$JS.ACK.<stream>.<durable>.>`),
 * whichever process handled the message, so a test knows a delivery was handled (acked) or
 * retried (nak'ed) without sleeping or spying on one process.
 */
export class AckWatch {
  private readonly outcomes = new Map<number, AckOutcome[]>();
  private subscription?: Subscription;

  static async open(connection: NatsConnection, stream: string, durable: string) {
    const watch = new AckWatch();
    watch.subscription = connection.subscribe(`$JS.ACK.${stream}.${durable}.>`, {
      callback: (error, message) => {
        if (!error) watch.record(message);
      },
    });
    await connection.flush();
    return watch;
  }

  /** Waits until the message stored at `seq` was answered with `outcome` (at least once). */
  async until(seq: number, outcome: AckOutcome): Promise<void> {
    await waitFor(
      () => Promise.resolve(this.outcomes.get(seq) ?? []),
      (seen) => seen.includes(outcome),
      { timeoutMs: 30_000, description: `${outcome} of stream seq ${seq}` },
    );
  }

  /** Every answer to the message stored at `seq` so far, in order. */
  answersTo(seq: number): readonly AckOutcome[] {
    return this.outcomes.get(seq) ?? [];
  }

  close(): void {
    this.subscription?.unsubscribe();
  }

  private record(message: Msg): void {
    // $JS.ACK.<stream>.<durable>.<delivered>.<stream seq>.<consumer seq>.<time>.<pending>, or the
    // longer form with domain and account hash before the stream.
    const tokens = message.subject.split('.');
    const seq = Number(tokens[tokens.length === 9 ? 5 : 7]);
    const body = message.string();
    const outcome = (body === '' ? '+ACK' : body.split(' ')[0]) as AckOutcome;
    this.outcomes.set(seq, [...(this.outcomes.get(seq) ?? []), outcome]);
  }
}
