import { Logger } from '@nestjs/common';
import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import {
  EVENTS,
  STREAMS,
  durableName,
  isEventSubject,
  parseEnvelope,
  type EventEnvelope,
  type DeadLetterReason,
  type EventSubject,
} from '@polyshop/contracts';
import { errorMessage } from '@polyshop/service-runtime';
import type { ConsumerMessages, JetStreamClient, JsMsg, NatsConnection } from 'nats';
import { lastValueFrom } from 'rxjs';
import { CRASH_POINTS, crashPoint, isArmed } from '../chaos/crash-points';
import { runInMessageContext, runInSpan, type HopSpan } from '@polyshop/observability';
import { endConsumeSpan, startConsumeSpan } from '../context/message-spans';
import { HEADERS } from '../publishing/headers';
import { ConsumerRegistry } from './consumer-registry';
import { ConsumptionObservers, trackDelivery, type Consumption } from './consumption';
import { deadLetter } from './dead-letters';
import { JetStreamContext } from './jetstream.context';
import {
  DEFAULT_CONSUMER_OPTIONS,
  retryDelayMs,
  type JetStreamConsumerOptions,
} from './jetstream.options';
import { JETSTREAM_TRANSPORT } from './on-event.decorator';
import { ensureConsumer, ensureStreams, type ProvisioningOptions } from './provisioning';

/** One delivery being handled. */
interface Delivery {
  readonly message: JsMsg;
  readonly durable: string;
  readonly attempt: number;
  readonly startedAt: number;
  /** The CONSUMER span, when tracing is on; ended when the delivery is settled. */
  readonly span: HopSpan | undefined;
  envelope?: EventEnvelope<EventSubject>;
}

interface Subscription {
  durable: string;
  messages: ConsumerMessages;
  done: Promise<void>;
}

/**
 * The JetStream transport: one durable pull consumer per `@OnEvent` handler, at-least-once
 * delivery with explicit acks after the handler resolves, retries with backoff, dead letters
 * for poison messages and exhausted retries, bounded concurrency, and a drain on shutdown.
 */
export class JetStreamServer extends Server implements CustomTransportStrategy {
  override readonly transportId = JETSTREAM_TRANSPORT;
  private readonly options: JetStreamConsumerOptions;
  private readonly js: JetStreamClient;
  private readonly subscriptions: Subscription[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  protected override readonly logger: Logger;

  constructor(
    private readonly connection: NatsConnection,
    private readonly registry: ConsumerRegistry,
    private readonly observers: ConsumptionObservers,
    options: Partial<JetStreamConsumerOptions> & Pick<JetStreamConsumerOptions, 'service'>,
    private readonly provisioning: ProvisioningOptions = { replicas: 1 },
  ) {
    super();
    this.options = { ...DEFAULT_CONSUMER_OPTIONS, ...options };
    this.js = connection.jetstream();
    this.logger = new Logger(`JetStream:${this.options.service}`);
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const jsm = await this.connection.jetstreamManager();
      await ensureStreams(jsm, Object.values(STREAMS), this.provisioning);
      for (const [pattern, handler] of this.messageHandlers) {
        if (!handler.isEventHandler) continue;
        if (!isEventSubject(pattern))
          throw new Error(`@OnEvent('${pattern}') is not an event subject`);
        await this.subscribe(jsm, pattern, handler);
      }
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /** Stops pulling, lets in-flight handlers finish (and ack), then returns. */
  async close(): Promise<void> {
    for (const subscription of this.subscriptions) await subscription.messages.close();
    await Promise.all(this.subscriptions.map((s) => s.done));
    await Promise.allSettled([...this.inFlight]);
  }

  on(): never {
    throw new Error('JetStreamServer has no events to listen to');
  }

  unwrap<T>(): T {
    return this.js as T;
  }

  private async subscribe(
    jsm: Awaited<ReturnType<NatsConnection['jetstreamManager']>>,
    subject: EventSubject,
    handler: MessageHandler,
  ): Promise<void> {
    const { service, ackWaitMs, maxAttempts, concurrency } = this.options;
    const stream = EVENTS[subject].stream;
    const durable = durableName(service, subject);
    await ensureConsumer(jsm, {
      stream,
      durable,
      filterSubject: subject,
      ackWaitMs,
      maxAttempts,
      maxAckPending: concurrency * 4,
    });
    const consumer = await this.js.consumers.get(stream, durable);
    const messages = await consumer.consume({ max_messages: concurrency * 2 });
    const done = this.pump(messages, subject, durable, handler);
    this.subscriptions.push({ durable, messages, done });
    this.registry.add({ stream, durable });
    this.logger.log(`consuming ${subject} as ${durable}`);
  }

  /** Feeds messages to the handler, at most `concurrency` at a time. */
  private async pump(
    messages: ConsumerMessages,
    subject: EventSubject,
    durable: string,
    handler: MessageHandler,
  ): Promise<void> {
    const slots = new Set<Promise<void>>();
    for await (const message of messages) {
      if (slots.size >= this.options.concurrency) await Promise.race(slots);
      const work = this.handle(message, subject, durable, handler).finally(() => {
        slots.delete(work);
        this.inFlight.delete(work);
      });
      slots.add(work);
      this.inFlight.add(work);
    }
  }

  private async handle(
    message: JsMsg,
    subject: EventSubject,
    durable: string,
    handler: MessageHandler,
  ): Promise<void> {
    const attempt = message.info.redeliveryCount;
    const traceparent = message.headers?.get(HEADERS.traceparent) || undefined;
    const delivery: Delivery = {
      message,
      durable,
      attempt,
      startedAt: performance.now(),
      span: startConsumeSpan({ subject, durable, attempt, traceparent }),
    };
    try {
      if (attempt > this.options.maxAttempts) {
        // Its last attempt died with the process: give up on it rather than loop forever.
        return await this.reject(delivery, 'RETRIES_EXHAUSTED', `${attempt - 1} attempts`);
      }
      const parsed = parseEnvelope(subject, message.string());
      if (!parsed.ok) return await this.reject(delivery, parsed.reason, parsed.detail);
      const { envelope } = parsed;
      delivery.envelope = envelope;
      if (attempt > 1) {
        this.logger.log(`${subject} ${envelope.id} redelivered to ${durable} (attempt ${attempt})`);
      }
      const context = new JetStreamContext([envelope, message]);
      const keepAlive = setInterval(() => message.working(), this.options.ackWaitMs / 2);
      let duplicate: boolean;
      try {
        ({ duplicate } = await trackDelivery(() =>
          runInMessageContext(
            {
              correlationId: envelope.correlationId,
              causationId: envelope.id,
              eventType: subject,
              // The consume span's: what the handler publishes is its child.
              traceparent: delivery.span?.traceparent ?? traceparent,
            },
            () =>
              runInSpan(delivery.span, async (): Promise<unknown> =>
                lastValueFrom(
                  this.transformToObservable<unknown>(await handler(envelope.data, context)),
                  { defaultValue: undefined },
                ),
              ),
          ),
        ));
      } finally {
        clearInterval(keepAlive);
      }
      crashPoint(CRASH_POINTS.consumerBeforeAck);
      message.ack();
      this.settled(delivery, duplicate ? 'DUPLICATE' : 'PROCESSED');
      if (isArmed(CRASH_POINTS.consumerAfterAck)) {
        await this.connection.flush();
        crashPoint(CRASH_POINTS.consumerAfterAck);
      }
    } catch (error) {
      await this.retryOrGiveUp(delivery, errorMessage(error));
    }
  }

  private async retryOrGiveUp(delivery: Delivery, detail: string): Promise<void> {
    const { message, attempt } = delivery;
    if (attempt >= this.options.maxAttempts) {
      try {
        await this.reject(delivery, 'RETRIES_EXHAUSTED', detail);
      } catch (error) {
        this.logger.error(`dead-lettering failed, will retry: ${errorMessage(error)}`);
        message.nak(retryDelayMs(attempt, this.options));
        this.settled(delivery, 'RETRIED', { detail });
      }
      return;
    }
    this.logger.warn(`${message.subject} attempt ${attempt} failed: ${detail}`);
    message.nak(retryDelayMs(attempt, this.options));
    this.settled(delivery, 'RETRIED', { detail });
  }

  /** Dead-letters the message and removes it from the consumer; it is never redelivered. */
  private async reject(
    delivery: Delivery,
    reason: DeadLetterReason,
    detail: string,
  ): Promise<void> {
    const { message, durable: consumer } = delivery;
    const deadLetterSequence = await deadLetter(this.js, message, {
      service: this.options.service,
      consumer,
      reason,
      detail,
    });
    message.term();
    this.logger.warn(`${message.subject} dead-lettered (${reason}): ${detail}`);
    this.settled(delivery, 'DEAD_LETTERED', { reason, detail, deadLetterSequence });
  }

  /** Tells the observers (metrics, the saga journal) how a delivery ended. */
  private settled(
    delivery: Delivery,
    outcome: Consumption['outcome'],
    failure: Pick<Consumption, 'reason' | 'detail' | 'deadLetterSequence'> = {},
  ): void {
    const { message, durable, attempt, envelope, startedAt } = delivery;
    endConsumeSpan(delivery.span, { outcome, envelope, ...failure });
    this.observers.notify({
      service: this.options.service,
      subject: message.subject,
      durable,
      attempt,
      outcome,
      ...(envelope === undefined ? {} : { envelope }),
      ...failure,
      durationMs: performance.now() - startedAt,
    });
  }
}
