import { Controller, Get, Module, Param } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { metricValue } from '@polyshop/observability';
import { createServiceApp } from '../bootstrap/create-service-app';
import { METRICS_PATH } from './metrics-routes';

@Controller('items')
class ItemsController {
  @Get(':id')
  get(@Param('id') id: string): { id: string } {
    return { id };
  }
}

@Module({ controllers: [ItemsController] })
class ItemsModule {}

describe('the metrics of every app', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createServiceApp(ItemsModule, { name: 'items-service', rpcServer: false });
    app.useLogger(false);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(() => app.close());

  it('are served at GET /metrics in the Prometheus text format, labelled with the app', async () => {
    const answer = await app.inject({ method: 'GET', url: METRICS_PATH });

    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(answer.body).toMatch(/^process_resident_memory_bytes\{service="items-service"\} \d+/m);
  });

  it('time each request by route template and status, unmatched paths pooled', async () => {
    await app.inject({ method: 'GET', url: '/items/1' });
    await app.inject({ method: 'GET', url: '/items/2' });
    await app.inject({ method: 'GET', url: '/nowhere/at/all' });

    const text = (await app.inject({ method: 'GET', url: METRICS_PATH })).body;
    const count = 'polyshop_http_request_duration_seconds_count';
    expect(metricValue(text, count, { method: 'GET', route: '/items/:id', status: '200' })).toBe(2);
    expect(metricValue(text, count, { route: 'unmatched', status: '404' })).toBe(1);
    expect(text).not.toContain('/nowhere');
  });
});
