import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { runInMessageContext } from '../context/message-context';
import { pinoHttpOptions, type LoggingSettings } from './logging.options';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

/** pino-http as nestjs-pino builds it, writing into an array of parsed lines. */
function capture(settings: Partial<LoggingSettings> = {}) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  const http = pinoHttp(
    pinoHttpOptions({ service: 'order-service', level: 'info', format: 'json', ...settings }),
    stream,
  );
  return { http, lines };
}

/** An HTTP server logging through `http`, answering every request with `status`. */
async function serve(http: HttpLogger, status: () => number): Promise<Server> {
  const server = createServer((req, res) => {
    http(req, res);
    res.statusCode = status();
    res.end('ok');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

async function get(server: Server, path: string): Promise<void> {
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve, reject) => {
    request(
      { host: '127.0.0.1', port, path, headers: { authorization: 'Bearer secret' } },
      (res) => {
        res.resume();
        res.on('end', resolve);
      },
    )
      .on('error', reject)
      .end();
  });
}

describe('log lines', () => {
  it('are JSON objects with the service, a level name and an ISO time', () => {
    const { http, lines } = capture();

    http.logger.info({ context: 'OrdersController' }, 'order placed');

    expect(lines).toEqual([
      expect.objectContaining({
        service: 'order-service',
        level: 'info',
        msg: 'order placed',
        context: 'OrdersController',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as string,
      }),
    ]);
  });

  it('carry the correlation, causation, event type and trace id of the message being handled', () => {
    const { http, lines } = capture();

    runInMessageContext(
      {
        correlationId: 'order-1',
        causationId: 'event-7',
        eventType: 'payment.succeeded.v1',
        traceparent: TRACEPARENT,
      },
      () => http.logger.info('handled'),
    );

    expect(lines[0]).toMatchObject({
      correlationId: 'order-1',
      causationId: 'event-7',
      eventType: 'payment.succeeded.v1',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    });
  });

  it('carry no context fields outside a message, and no causation at the root of a flow', () => {
    const { http, lines } = capture();

    http.logger.info('boot');
    runInMessageContext({ correlationId: 'order-2', causationId: null }, () =>
      http.logger.info('timeout'),
    );

    const contextFields = ['correlationId', 'causationId', 'eventType', 'traceId'];
    expect(contextFields.filter((field) => field in lines[0])).toEqual([]);
    expect(contextFields.filter((field) => field in lines[1])).toEqual(['correlationId']);
    expect(lines[1].correlationId).toBe('order-2');
  });

  it('leave out what is below LOG_LEVEL', () => {
    const { http, lines } = capture({ level: 'warn' });

    http.logger.info('chatter');
    http.logger.warn('trouble');

    expect(lines.map((line) => line.msg)).toEqual(['trouble']);
  });

  it('go through pino-pretty when LOG_FORMAT is pretty', () => {
    expect(
      pinoHttpOptions({ service: 's', level: 'info', format: 'pretty' }).transport,
    ).toMatchObject({ target: 'pino-pretty' });
  });
});

describe('HTTP request lines', () => {
  let server: Server | undefined;

  afterEach(() => {
    server?.close();
  });

  it('are written for server errors only at the info level, with method and path but no headers', async () => {
    const { http, lines } = capture();
    const statuses = [200, 404, 503];
    server = await serve(http, () => statuses.shift() ?? 200);

    await get(server, '/orders/1');
    await get(server, '/orders/2');
    await get(server, '/orders/3');

    expect(lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        req: { method: 'GET', url: '/orders/3' },
        res: { statusCode: 503 },
      }),
    ]);
    // A 503 no error caused carries no made-up error and stack.
    expect(lines[0]).not.toHaveProperty('err.stack');
    expect(JSON.stringify(lines)).not.toContain('secret');
  });

  it('are written for every request at the debug level', async () => {
    const { http, lines } = capture({ level: 'debug' });
    server = await serve(http, () => 200);

    await get(server, '/health/live');

    expect(lines).toEqual([
      expect.objectContaining({ level: 'debug', req: { method: 'GET', url: '/health/live' } }),
    ]);
  });
});
