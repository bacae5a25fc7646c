import { randomBytes } from 'node:crypto';
import { waitFor } from '@polyshop/testing';
import { admin, newProduct, newUser, placeOrder, terminal } from './support/api';
import { collectedSpans, type CollectedSpan } from './support/otlp-collector';
import { E2E_COLLECTOR, platformMode } from './support/platform';

type Hop = Pick<CollectedSpan, 'service' | 'kind' | 'name'>;

/** A `tok_visa` order's way, span by span, from the gateway's request to its confirmation. */
const CONFIRMATION_PATH: Hop[] = [
  { service: 'api-gateway', kind: 'SERVER', name: 'POST /orders' },
  { service: 'api-gateway', kind: 'CLIENT', name: 'rpc.orders.place' },
  { service: 'order-service', kind: 'SERVER', name: 'rpc.orders.place' },
  { service: 'order-service', kind: 'PRODUCER', name: 'send order.placed.v1' },
  { service: 'inventory-service', kind: 'CONSUMER', name: 'process order.placed.v1' },
  { service: 'inventory-service', kind: 'PRODUCER', name: 'send inventory.stock-reserved.v1' },
  { service: 'payment-service', kind: 'CONSUMER', name: 'process inventory.stock-reserved.v1' },
  { service: 'payment-service', kind: 'PRODUCER', name: 'send payment.succeeded.v1' },
  { service: 'order-service', kind: 'CONSUMER', name: 'process payment.succeeded.v1' },
];

const hopOf = ({ service, kind, name }: CollectedSpan): Hop => ({ service, kind, name });

const isHop = (span: CollectedSpan, hop: Hop) =>
  span.service === hop.service && span.kind === hop.kind && span.name === hop.name;

/** The spans whose parent is neither a span of the trace nor the caller's. */
function orphansOf(trace: CollectedSpan[], callerSpanId: string): CollectedSpan[] {
  const ids = new Set(trace.map((span) => span.spanId));
  return trace.filter(
    (span) => span.parentSpanId !== callerSpanId && !ids.has(span.parentSpanId ?? ''),
  );
}

/** The span and its ancestors within the trace, root first. */
function pathTo(span: CollectedSpan, trace: CollectedSpan[]): CollectedSpan[] {
  const byId = new Map(trace.map((each) => [each.spanId, each]));
  const path = [span];
  for (let parent = byId.get(span.parentSpanId ?? ''); parent;) {
    // A cycle would be a bug of the spans, not a reason to loop forever.
    if (path.includes(parent)) break;
    path.unshift(parent);
    parent = byId.get(parent.parentSpanId ?? '');
  }
  return path;
}

describe('distributed tracing of an order', () => {
  it(
    platformMode() === 'local'
      ? 'exports one trace from POST /orders to the confirmation, every span a child of the one that caused it'
      : 'confirms an order placed with a traceparent (its spans are checked on the local platform only: a deployed one exports to its own collector)',
    async () => {
      const traceId = randomBytes(16).toString('hex');
      const callerSpanId = randomBytes(8).toString('hex');
      const shopper = await newUser();
      const product = await newProduct(await admin(), 5, 990);

      const placed = await placeOrder(
        shopper.token,
        [{ productId: product.id, quantity: 1 }],
        'tok_visa',
        { traceparent: `00-${traceId}-${callerSpanId}-01` },
      );
      expect(placed.status).toBe(202);
      expect(await terminal(shopper.token, placed.body.id)).toMatchObject({ status: 'CONFIRMED' });
      if (platformMode() === 'external') return;

      const confirmation = CONFIRMATION_PATH[CONFIRMATION_PATH.length - 1];
      // Each app exports in batches, every few seconds: the spans of one trace arrive in pieces.
      const trace = await waitFor(
        () =>
          Promise.resolve(
            collectedSpans(E2E_COLLECTOR.spansFile).filter((span) => span.traceId === traceId),
          ),
        (spans) =>
          spans.some((span) => isHop(span, confirmation)) &&
          orphansOf(spans, callerSpanId).length === 0,
        {
          description: `trace ${traceId} up to ${confirmation.name} in ${confirmation.service}, with the parent of every span`,
          timeoutMs: 30_000,
          intervalMs: 250,
        },
      );

      const services = ['api-gateway', 'order-service', 'inventory-service', 'payment-service'];
      expect(services.filter((app) => !trace.some((span) => span.service === app))).toEqual([]);
      const roots = trace.filter((span) => span.parentSpanId === callerSpanId);
      expect(roots.length).toBeGreaterThan(0);
      expect(roots.map(hopOf)).toEqual(roots.map(() => CONFIRMATION_PATH[0]));
      const paths = trace
        .filter((span) => isHop(span, confirmation))
        .map((span) => pathTo(span, trace).map(hopOf));
      expect(paths).toContainEqual(CONFIRMATION_PATH);
    },
  );
});
