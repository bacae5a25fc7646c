import { context, propagation, trace, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

/** Name of the instrumentation scope every Polyshop span is created under. */
export const TRACER_NAME = '@polyshop/observability';

export interface TracingOptions {
  /** `service.name` of every span this process exports, e.g. `order-service`. */
  readonly serviceName: string;
  /**
   * Base URL of an OTLP/HTTP collector, as in `OTEL_EXPORTER_OTLP_ENDPOINT`
   * (`http://127.0.0.1:4318`): spans are sent as JSON to `<endpoint>/v1/traces`. Empty or
   * absent: tracing stays off, unless `spanProcessor` is given.
   */
  readonly endpoint?: string;
  /** Takes the place of the batching OTLP exporter: tests hand in an in-memory one. */
  readonly spanProcessor?: SpanProcessor;
}

/** A running tracer provider, registered as the process's global one. */
export interface Tracing {
  /** Exports every ended span now. */
  forceFlush(): Promise<void>;
  /** Exports what is left and unregisters everything: tracing is off again afterwards. */
  shutdown(): Promise<void>;
}

let tracer: Tracer | undefined;

/** The tracer of the running tracing, or `undefined` when it is off (the hot paths' only check). */
export function activeTracer(): Tracer | undefined {
  return tracer;
}

/** The OTLP/HTTP traces URL for a base endpoint, as the OpenTelemetry exporter spec defines it. */
export function otlpTracesUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}

/**
 * Starts OpenTelemetry tracing for this process: a tracer provider naming the service, spans
 * batched to the OTLP/HTTP endpoint, the AsyncLocalStorage context manager and the W3C trace
 * context propagator, all registered globally. Returns `undefined` and registers nothing when
 * there is no endpoint: the OpenTelemetry API then stays a no-op and the spans of
 * `startHopSpan` are never even created. One tracing per process at a time.
 */
export function startTracing({
  serviceName,
  endpoint = '',
  spanProcessor,
}: TracingOptions): Tracing | undefined {
  if (endpoint.trim() === '' && spanProcessor === undefined) return undefined;
  if (tracer !== undefined) throw new Error('tracing is already started in this process');
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }),
    spanProcessors: [
      spanProcessor ??
        new BatchSpanProcessor({
          exporter: new OTLPTraceExporter({ url: otlpTracesUrl(endpoint.trim()) }),
        }),
    ],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  tracer = provider.getTracer(TRACER_NAME);
  return {
    forceFlush: () => provider.forceFlush(),
    shutdown: async () => {
      tracer = undefined;
      try {
        await provider.shutdown();
      } finally {
        trace.disable();
        propagation.disable();
        context.disable();
      }
    },
  };
}
