import type { NatsConnection } from 'nats';

/** An event of the INVENTORY stream, as a test reads it back. */
export interface ProbedEvent {
  readonly subject: string;
  readonly msgId: string | undefined;
  readonly envelope: {
    readonly id: string;
    readonly correlationId: string;
    readonly causationId: string | null;
    readonly data: Record<string, unknown> & { readonly orderId?: string };
  };
}

const FETCH_MAX = 1_000;

/**
 * Reads back what inventory published on the INVENTORY stream since the probe opened.
 * `StreamProbe` of @polyshop/testing finds an event by message id only, and inventory's event
 * ids are made inside the service; tests pick events by order id instead.
 */
export class InventoryEventsProbe {
  private constructor(
    private readonly connection: NatsConnection,
    private readonly fromSeq: number,
  ) {}

  static async open(connection: NatsConnection): Promise<InventoryEventsProbe> {
    const jsm = await connection.jetstreamManager();
    const { state } = await jsm.streams.info('INVENTORY');
    return new InventoryEventsProbe(connection, state.last_seq + 1);
  }

  /** Every inventory event stored since the probe opened. */
  async all(): Promise<ProbedEvent[]> {
    const consumer = await this.connection.jetstream().consumers.get('INVENTORY', {
      filterSubjects: 'inventory.>',
      opt_start_seq: this.fromSeq,
    });
    let pending = (await consumer.info()).num_pending;
    const events: ProbedEvent[] = [];
    while (pending > 0) {
      const before = pending;
      const batch = await consumer.fetch({
        max_messages: Math.min(pending, FETCH_MAX),
        expires: 2_000,
      });
      for await (const message of batch) {
        pending--;
        events.push({
          subject: message.subject,
          msgId: message.headers?.get('Nats-Msg-Id') || undefined,
          envelope: message.json<ProbedEvent['envelope']>(),
        });
        if (pending === 0) break;
      }
      if (pending === before) throw new Error(`INVENTORY: ${pending} messages not delivered`);
    }
    return events;
  }
}
