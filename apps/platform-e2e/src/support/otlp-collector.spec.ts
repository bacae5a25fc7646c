import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectedSpans, startOtlpCollector, stopOtlpCollector } from './otlp-collector';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

/** What the OTLP/HTTP JSON exporter posts: spans grouped by resource, then by scope. */
const EXPORT = {
  resourceSpans: [
    {
      resource: {
        attributes: [
          { key: 'host.name', value: { stringValue: 'box' } },
          { key: 'service.name', value: { stringValue: 'order-service' } },
        ],
      },
      scopeSpans: [
        {
          scope: { name: '@polyshop/observability' },
          spans: [
            { traceId: TRACE, spanId: 'aaaaaaaaaaaaaaaa', name: 'rpc.orders.place', kind: 2 },
            {
              traceId: TRACE,
              spanId: 'bbbbbbbbbbbbbbbb',
              parentSpanId: 'aaaaaaaaaaaaaaaa',
              name: 'send order.placed.v1',
              kind: 4,
              attributes: [{ key: 'messaging.system', value: { stringValue: 'nats' } }],
            },
          ],
        },
      ],
    },
  ],
};

describe('OTLP collector of the system suite', () => {
  let dir: string;
  let spansFile: string;
  let endpoint: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'otlp-collector-'));
    spansFile = join(dir, 'spans.jsonl');
    endpoint = await startOtlpCollector({ port: 0, spansFile });
  });

  afterEach(async () => {
    await stopOtlpCollector();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (path: string, body: string) =>
    fetch(`${endpoint}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });

  it('records each exported span with its service, ids, name and kind, and answers {}', async () => {
    const response = await post('/v1/traces', JSON.stringify(EXPORT));

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    expect(collectedSpans(spansFile)).toEqual([
      {
        service: 'order-service',
        traceId: TRACE,
        spanId: 'aaaaaaaaaaaaaaaa',
        parentSpanId: null,
        name: 'rpc.orders.place',
        kind: 'SERVER',
      },
      {
        service: 'order-service',
        traceId: TRACE,
        spanId: 'bbbbbbbbbbbbbbbb',
        parentSpanId: 'aaaaaaaaaaaaaaaa',
        name: 'send order.placed.v1',
        kind: 'PRODUCER',
      },
    ]);
  });

  it('refuses a body that is no JSON, and knows no other path', async () => {
    expect((await post('/v1/traces', '{"resourceSpans":')).status).toBe(400);
    expect((await post('/v1/metrics', JSON.stringify(EXPORT))).status).toBe(404);

    expect(readFileSync(spansFile, 'utf8')).toBe('');
  });

  it('starts with an empty file, and refuses a port already taken', async () => {
    await post('/v1/traces', JSON.stringify(EXPORT));
    await stopOtlpCollector();
    const taken = await startOtlpCollector({ port: 0, spansFile });

    expect(collectedSpans(spansFile)).toEqual([]);
    await expect(
      startOtlpCollector({ port: Number(new URL(taken).port), spansFile }),
    ).rejects.toThrow(`port ${new URL(taken).port} of the trace collector is taken`);
  });
});
