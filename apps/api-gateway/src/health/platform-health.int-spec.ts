import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { READINESS_TIMEOUT_MS } from '@polyshop/service-runtime';
import { expectProblem, GatewayHarness } from '../testing/gateway-harness';
import { SERVICE_URL_KEYS } from './platform-readiness';

type Mode = 'ready' | 'not-ready' | 'hang';
type Service = keyof typeof SERVICE_URL_KEYS;

/** A service's HTTP server as far as `/health/ready` goes, answering as terminus does. */
class FakeReadiness {
  mode: Mode = 'ready';
  private port = 0;
  private readonly server: Server = createServer((request, response) => {
    if (request.url !== '/health/ready') {
      response.writeHead(404).end();
      return;
    }
    if (this.mode === 'hang') return;
    const ready = this.mode === 'ready';
    const details = { store: { status: ready ? 'up' : 'down' }, nats: { status: 'up' } };
    response
      .writeHead(ready ? 200 : 503, { 'content-type': 'application/json' })
      .end(JSON.stringify({ status: ready ? 'ok' : 'error', details }));
  });

  /** Listens (again, on the same port after `stop()`) and returns the base URL. */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return `http://127.0.0.1:${this.port}`;
  }

  /** Nothing listens any more: connections are refused. */
  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

interface Report {
  ready: boolean;
  services: Record<string, { ready: boolean; status?: number; reason?: string }>;
}

describe('GET /health', () => {
  const services = Object.keys(SERVICE_URL_KEYS) as Service[];
  const fakes = new Map(services.map((service) => [service, new FakeReadiness()]));
  const fake = (service: Service) => fakes.get(service) as FakeReadiness;
  let gateway: GatewayHarness;

  beforeAll(async () => {
    const env: Record<string, string> = {};
    for (const service of services) env[SERVICE_URL_KEYS[service]] = await fake(service).start();
    gateway = await GatewayHarness.start(env);
  });

  afterAll(async () => {
    await gateway?.stop();
    await Promise.all(
      services.map((service) =>
        fake(service)
          .stop()
          .catch(() => undefined),
      ),
    );
  });

  beforeEach(() => {
    for (const f of fakes.values()) f.mode = 'ready';
  });

  it('answers 200 with the readiness of every app when all are ready', async () => {
    const answer = await gateway.request<Report>('GET', '/health');

    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.body.ready).toBe(true);
    expect(Object.keys(answer.body.services).sort()).toEqual(['api-gateway', ...services].sort());
    expect(Object.values(answer.body.services).every((s) => s.ready)).toBe(true);
    expect(answer.body.services['api-gateway']).toMatchObject({
      details: { nats: { status: 'up' } },
    });
    expect(answer.body.services['order-service']).toMatchObject({
      status: 200,
      details: { store: { status: 'up' } },
    });
  });

  it('answers 503 problem details listing every app while one service is unreachable', async () => {
    await fake('payment-service').stop();
    try {
      const answer = await gateway.request<Report>('GET', '/health');

      const problem = expectProblem(answer, 503, 'SERVICE.UNAVAILABLE');
      expect(problem.detail).toBe('Not ready: payment-service');
      expect(answer.body.ready).toBe(false);
      expect(Object.keys(answer.body.services)).toHaveLength(6);
      expect(answer.body.services['payment-service']).toEqual({
        ready: false,
        reason: 'ECONNREFUSED',
      });
      expect(answer.body.services['user-service']).toMatchObject({ ready: true });
    } finally {
      await fake('payment-service').start();
    }
  });

  it('reports a service whose readiness is 503, and one that hangs, within the readiness timeout', async () => {
    fake('order-service').mode = 'not-ready';
    fake('inventory-service').mode = 'hang';
    const start = performance.now();

    const answer = await gateway.request<Report>('GET', '/health');

    expect(performance.now() - start).toBeLessThan(READINESS_TIMEOUT_MS + 1_000);
    const problem = expectProblem(answer, 503, 'SERVICE.UNAVAILABLE');
    expect(problem.detail).toBe('Not ready: order-service, inventory-service');
    expect(answer.body.services['order-service']).toMatchObject({
      ready: false,
      status: 503,
      details: { store: { status: 'down' } },
    });
    expect(answer.body.services['inventory-service']).toEqual({
      ready: false,
      reason: `no answer within ${READINESS_TIMEOUT_MS} ms`,
    });
  });

  it('keeps the gateway itself ready (/health/ready) whatever the services do', async () => {
    fake('order-service').mode = 'not-ready';

    const answer = await gateway.request('GET', '/health/ready');

    expect(answer.status).toBe(200);
  });
});
