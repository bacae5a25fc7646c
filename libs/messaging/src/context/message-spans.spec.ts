import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { runInMessageContext, startTracing, type Tracing } from '@polyshop/observability';
import type { MsgHdrs } from 'nats';
import { HEADERS } from '../publishing/headers';
import type { OutgoingEvent } from '../publishing/outgoing-event';
import { requestInContext, startPublishSpan } from './message-spans';

const CAUSE = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const context = { correlationId: 'order-7', causationId: null, traceparent: CAUSE };
const event: OutgoingEvent = {
  id: 'e-1',
  subject: 'order.placed.v1',
  payload: '{}',
  headers: { [HEADERS.correlationId]: 'order-7', [HEADERS.traceparent]: CAUSE },
};

const sentHeaders = async (): Promise<MsgHdrs | undefined> => {
  let sent: MsgHdrs | undefined;
  await runInMessageContext(context, () =>
    requestInContext('rpc.orders.get', (headers) => {
      sent = headers;
      return Promise.resolve();
    }),
  );
  return sent;
};

describe('message spans with tracing off', () => {
  it('sends the message context as it is, and publishes the stored headers untouched', async () => {
    const headers = await sentHeaders();
    expect(headers?.get(HEADERS.correlationId)).toBe('order-7');
    expect(headers?.get(HEADERS.traceparent)).toBe(CAUSE);

    const publish = startPublishSpan(event);
    expect(publish.span).toBeUndefined();
    expect(publish.headers).toBe(event.headers);
  });

  it('sends no headers outside any message context', async () => {
    let sent: MsgHdrs | undefined = undefined;
    await requestInContext('rpc.orders.get', (headers) => {
      sent = headers;
      return Promise.resolve();
    });
    expect(sent).toBeUndefined();
  });
});

describe('message spans with tracing on', () => {
  let exporter: InMemorySpanExporter;
  let tracing: Tracing | undefined;

  beforeEach(() => {
    exporter = new InMemorySpanExporter();
    tracing = startTracing({
      serviceName: 'api-gateway',
      spanProcessor: new SimpleSpanProcessor({ exporter }),
    });
  });

  afterEach(() => tracing?.shutdown());

  it("sends the CLIENT span's trace context, the span being a child of the context's", async () => {
    const headers = await sentHeaders();

    const [client] = exporter.getFinishedSpans();
    expect(client.kind).toBe(SpanKind.CLIENT);
    expect(client.parentSpanContext?.spanId).toBe(CAUSE.split('-')[2]);
    expect(headers?.get(HEADERS.traceparent)).toBe(
      `00-${client.spanContext().traceId}-${client.spanContext().spanId}-01`,
    );
  });

  it('fails the CLIENT span when the request fails, and rethrows', async () => {
    await expect(
      requestInContext('rpc.orders.get', () => Promise.reject(new Error('no responders'))),
    ).rejects.toThrow('no responders');
    expect(exporter.getFinishedSpans()[0].status.message).toBe('no responders');
  });

  it('publishes with the PRODUCER span as the trace context, child of the stored one', () => {
    const { span, headers } = startPublishSpan(event);
    span?.end();

    const [producer] = exporter.getFinishedSpans();
    expect(producer.kind).toBe(SpanKind.PRODUCER);
    expect(producer.parentSpanContext?.spanId).toBe(CAUSE.split('-')[2]);
    expect(headers).toEqual({ ...event.headers, [HEADERS.traceparent]: span?.traceparent });
    expect(span?.traceparent).not.toBe(CAUSE);
  });
});
