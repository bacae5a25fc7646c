import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';

/**
 * A minimal OTLP/HTTP trace collector for the system suite: it takes the JSON the apps' exporter
 * posts to `/v1/traces` and appends each span, reduced to what a trace's shape needs, as one line
 * of a JSON-lines file that the specs read. No path alias here: global setup loads this file.
 */

/** One exported span, as the collector records it. */
export interface CollectedSpan {
  /** `service.name` of the process that exported it. */
  service: string;
  traceId: string;
  spanId: string;
  /** Absent for the root of a trace. */
  parentSpanId: string | null;
  name: string;
  kind: SpanKindName;
}

/** OTLP's `SpanKind`, indexed by its number in the JSON encoding. */
const SPAN_KINDS = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'] as const;

export type SpanKindName = (typeof SPAN_KINDS)[number];

/** The part of an OTLP/JSON `ExportTraceServiceRequest` that is read. */
interface ExportTraceServiceRequest {
  resourceSpans?: Array<{
    resource?: { attributes?: Array<{ key: string; value?: { stringValue?: string } }> };
    scopeSpans?: Array<{
      spans?: Array<{
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        kind?: number;
      }>;
    }>;
  }>;
}

export interface OtlpCollectorOptions {
  /** Port on 127.0.0.1 (0: any free one), where the apps' `OTEL_EXPORTER_OTLP_ENDPOINT` points. */
  port: number;
  /** JSON-lines file of the spans received, emptied at start. */
  spansFile: string;
}

function spansOf(request: ExportTraceServiceRequest): CollectedSpan[] {
  return (request.resourceSpans ?? []).flatMap(({ resource, scopeSpans }) => {
    const service =
      resource?.attributes?.find((attribute) => attribute.key === 'service.name')?.value
        ?.stringValue ?? '';
    return (scopeSpans ?? []).flatMap(({ spans }) =>
      (spans ?? []).map((span) => ({
        service,
        traceId: span.traceId,
        spanId: span.spanId,
        parentSpanId: span.parentSpanId || null,
        name: span.name,
        kind: SPAN_KINDS[span.kind ?? 0] ?? 'UNSPECIFIED',
      })),
    );
  });
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const COLLECTOR_KEY = Symbol.for('polyshop.platform-e2e.otlp-collector');

/** Jest shares only the global object between global setup and global teardown. */
const shared = globalThis as typeof globalThis & { [COLLECTOR_KEY]?: Server };

/** Starts the collector (one per process); resolves with its endpoint once it listens. */
export async function startOtlpCollector({
  port,
  spansFile,
}: OtlpCollectorOptions): Promise<string> {
  mkdirSync(dirname(spansFile), { recursive: true });
  writeFileSync(spansFile, '');
  const server = createServer((request, response) => {
    if (request.method !== 'POST' || request.url !== '/v1/traces') {
      response.writeHead(404).end();
      return;
    }
    bodyOf(request)
      .then((body) => {
        const lines = spansOf(JSON.parse(body) as ExportTraceServiceRequest).map(
          (span) => `${JSON.stringify(span)}\n`,
        );
        // One write per export: a reader sees whole batches, at worst a last line in progress.
        appendFileSync(spansFile, lines.join(''));
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      })
      .catch((error: unknown) => {
        response.writeHead(400, { 'content-type': 'text/plain' }).end(String(error));
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(
        new Error(`port ${port} of the trace collector is taken or refused: ${error.message}`),
      ),
    );
    server.listen(port, '127.0.0.1', resolve);
  });
  // Never what keeps the suite's process alive.
  server.unref();
  shared[COLLECTOR_KEY] = server;
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Stops the collector this process started, if any. */
export async function stopOtlpCollector(): Promise<void> {
  const server = shared[COLLECTOR_KEY];
  if (server === undefined) return;
  delete shared[COLLECTOR_KEY];
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}

/** Every span received so far, in the order received. */
export function collectedSpans(spansFile: string): CollectedSpan[] {
  if (!existsSync(spansFile)) return [];
  const lines = readFileSync(spansFile, 'utf8').split('\n');
  // The last segment is empty, or a line still being written.
  return lines.slice(0, -1).map((line) => JSON.parse(line) as CollectedSpan);
}
