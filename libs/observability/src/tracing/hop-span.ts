import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type AttributeValue,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { TRACEPARENT_HEADER } from '../context/trace-context';
import { activeTracer } from './tracing';

/** Where a span sits on a hop between processes. */
export type HopKind = 'server' | 'client' | 'producer' | 'consumer';

const KINDS: Record<HopKind, SpanKind> = {
  server: SpanKind.SERVER,
  client: SpanKind.CLIENT,
  producer: SpanKind.PRODUCER,
  consumer: SpanKind.CONSUMER,
};

export interface HopSpanOptions {
  /**
   * W3C `traceparent` of the span that caused this one (an incoming header, the one stored with
   * an event, the current message context's). Absent or invalid: the span starts a new trace.
   * Given explicitly rather than taken from the ambient context, which on these paths may be
   * someone else's (an outbox relay drains in the context of whoever kicked it).
   */
  readonly parent?: string;
  readonly attributes?: Attributes;
}

/**
 * A span at a process boundary: an HTTP or RPC request served, an RPC call made, an event
 * published or consumed. Its `traceparent` is what the message context and the outgoing
 * headers carry, so that whatever the work causes becomes its child.
 */
export interface HopSpan {
  /** This span's W3C `traceparent`. */
  readonly traceparent: string;
  /** Runs `work` with this span as the active OpenTelemetry span. */
  run<T>(work: () => T): T;
  setAttribute(key: string, value: AttributeValue): void;
  /** Marks the span failed: error status, and the exception recorded when there is one. */
  fail(error: unknown): void;
  /** Ends the span; later calls do nothing. */
  end(): void;
}

const getter = {
  keys: (carrier: Record<string, string>) => Object.keys(carrier),
  get: (carrier: Record<string, string>, key: string) => carrier[key],
};

function parentContext(parent: string | undefined): Context {
  return parent === undefined
    ? ROOT_CONTEXT
    : propagation.extract(ROOT_CONTEXT, { [TRACEPARENT_HEADER]: parent }, getter);
}

class OtelHopSpan implements HopSpan {
  readonly traceparent: string;
  private readonly context: Context;
  private ended = false;

  constructor(private readonly span: Span) {
    this.context = trace.setSpan(ROOT_CONTEXT, span);
    const carrier: Record<string, string> = {};
    propagation.inject(this.context, carrier);
    this.traceparent = carrier[TRACEPARENT_HEADER];
  }

  run<T>(work: () => T): T {
    return context.with(this.context, work);
  }

  setAttribute(key: string, value: AttributeValue): void {
    this.span.setAttribute(key, value);
  }

  fail(error: unknown): void {
    if (error instanceof Error) this.span.recordException(error);
    this.span.setStatus({
      code: SpanStatusCode.ERROR,
      message: error instanceof Error ? error.message : String(error),
    });
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.span.end();
  }
}

/**
 * Starts a span of `kind` named `name`, child of `options.parent`; `undefined` when tracing is
 * off, so that the paths without it allocate nothing (callers write `span?.end()`).
 */
export function startHopSpan(
  name: string,
  kind: HopKind,
  options: HopSpanOptions = {},
): HopSpan | undefined {
  const tracer = activeTracer();
  if (tracer === undefined) return undefined;
  const span = tracer.startSpan(
    name,
    { kind: KINDS[kind], attributes: options.attributes },
    parentContext(options.parent),
  );
  return new OtelHopSpan(span);
}

/** Runs `work` with `span` active, or just runs it when there is none (tracing off). */
export function runInSpan<T>(span: HopSpan | undefined, work: () => T): T {
  return span === undefined ? work() : span.run(work);
}
