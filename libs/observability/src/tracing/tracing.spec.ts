import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { parseTraceparent } from '../context/trace-context';
import { startHopSpan } from './hop-span';
import { activeTracer, otlpTracesUrl, startTracing, type Tracing } from './tracing';

const PARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('tracing without an endpoint', () => {
  it('registers no provider and creates no span', () => {
    expect(startTracing({ serviceName: 'order-service', endpoint: '' })).toBeUndefined();
    expect(startTracing({ serviceName: 'order-service', endpoint: '  ' })).toBeUndefined();
    expect(startTracing({ serviceName: 'order-service' })).toBeUndefined();

    expect(activeTracer()).toBeUndefined();
    expect(startHopSpan('process order.placed.v1', 'consumer', { parent: PARENT })).toBeUndefined();
    // The global API is still the no-op one: nothing records.
    expect(trace.getTracer('any').startSpan('probe').isRecording()).toBe(false);
  });
});

describe('tracing with a span processor', () => {
  // A shut-down exporter exports nothing more: each test has its own.
  let exporter: InMemorySpanExporter;
  let tracing: Tracing | undefined;

  beforeEach(() => {
    exporter = new InMemorySpanExporter();
    tracing = startTracing({
      serviceName: 'order-service',
      spanProcessor: new SimpleSpanProcessor({ exporter }),
    });
  });

  afterEach(async () => {
    await tracing?.shutdown();
  });

  it('continues the trace of the given traceparent, and names the service', () => {
    const span = startHopSpan('send order.placed.v1', 'producer', {
      parent: PARENT,
      attributes: { 'messaging.destination.name': 'order.placed.v1' },
    });
    span?.end();

    const [exported] = exporter.getFinishedSpans();
    const [, traceId, parentId] = PARENT.split('-');
    expect(exported.spanContext().traceId).toBe(traceId);
    expect(exported.parentSpanContext?.spanId).toBe(parentId);
    expect(exported.kind).toBe(SpanKind.PRODUCER);
    expect(exported.attributes['messaging.destination.name']).toBe('order.placed.v1');
    expect(exported.resource.attributes['service.name']).toBe('order-service');
    expect(span?.traceparent).toBe(`00-${traceId}-${exported.spanContext().spanId}-01`);
  });

  it('starts a new trace when there is no valid parent', () => {
    const span = startHopSpan('GET /orders', 'server', { parent: 'garbage' });
    span?.end();

    const [exported] = exporter.getFinishedSpans();
    expect(exported.parentSpanContext).toBeUndefined();
    expect(parseTraceparent(span?.traceparent)).toBe(span?.traceparent);
  });

  it('makes the span active inside run, for work that awaits', async () => {
    const span = startHopSpan('rpc.orders.get', 'server');
    const seen = await span?.run(async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return trace.getSpan(context.active())?.spanContext().spanId;
    });
    span?.end();

    expect(seen).toBe(exporter.getFinishedSpans()[0].spanContext().spanId);
  });

  it('records a failure as error status with the exception, and ends once', () => {
    const span = startHopSpan('process order.placed.v1', 'consumer');
    span?.fail(new Error('store down'));
    span?.end();
    span?.end();

    const exported = exporter.getFinishedSpans();
    expect(exported).toHaveLength(1);
    expect(exported[0].status).toEqual({ code: SpanStatusCode.ERROR, message: 'store down' });
    expect(exported[0].events.map((event) => event.name)).toEqual(['exception']);
  });

  it('refuses a second tracing in the same process, and is off again after shutdown', async () => {
    expect(() =>
      startTracing({ serviceName: 'other', spanProcessor: new SimpleSpanProcessor({ exporter }) }),
    ).toThrow('already started');

    await tracing?.shutdown();
    tracing = undefined;

    expect(startHopSpan('late', 'client')).toBeUndefined();
    expect(trace.getTracer('any').startSpan('probe').isRecording()).toBe(false);
  });
});

describe('OTLP traces URL', () => {
  it.each([
    ['http://127.0.0.1:4318', 'http://127.0.0.1:4318/v1/traces'],
    ['http://collector:4318/', 'http://collector:4318/v1/traces'],
    ['https://otel.example.com/otlp', 'https://otel.example.com/otlp/v1/traces'],
  ])('sends %s spans to %s', (endpoint, url) => {
    expect(otlpTracesUrl(endpoint)).toBe(url);
  });
});
