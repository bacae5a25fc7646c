import { Inject, Injectable } from '@nestjs/common';
import { headers as natsHeaders, type JetStreamClient, type NatsConnection } from 'nats';
import { errorMessage } from '@polyshop/service-runtime';
import { startPublishSpan } from '../context/message-spans';
import { NATS_CONNECTION } from '../nats/nats.constants';
import type { OutgoingEvent, PublishOutcome } from './outgoing-event';

const PUBLISH_TIMEOUT_MS = 5_000;
const encoder = new TextEncoder();

/**
 * Publishes events to JetStream with `Nats-Msg-Id` = event id. A batch is pipelined: every
 * publish is in flight at once and the acks are gathered, which is what lets a relay move
 * thousands of events per second instead of one round trip at a time. With tracing on, each
 * publish is a PRODUCER span, child of the span that created the event, whose trace context the
 * message carries instead.
 */
@Injectable()
export class EventPublisher {
  private readonly js: JetStreamClient;

  constructor(@Inject(NATS_CONNECTION) connection: NatsConnection) {
    this.js = connection.jetstream();
  }

  /** Publishes every event; never rejects: each outcome says whether its event is stored. */
  publishBatch(events: readonly OutgoingEvent[]): Promise<PublishOutcome[]> {
    return Promise.all(events.map((event) => this.publishOne(event)));
  }

  private async publishOne(event: OutgoingEvent): Promise<PublishOutcome> {
    const { span, headers } = startPublishSpan(event);
    const hdrs = natsHeaders();
    for (const [name, value] of Object.entries(headers)) hdrs.set(name, value);
    try {
      const ack = await this.js.publish(event.subject, encoder.encode(event.payload), {
        msgID: event.id,
        headers: hdrs,
        timeout: PUBLISH_TIMEOUT_MS,
      });
      return { id: event.id, ok: true, duplicate: ack.duplicate, seq: ack.seq };
    } catch (error) {
      span?.fail(error);
      return { id: event.id, ok: false, error: errorMessage(error) };
    } finally {
      span?.end();
    }
  }
}
