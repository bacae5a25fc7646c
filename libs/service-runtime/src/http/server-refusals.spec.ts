import { Controller, Get, Module, Param } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ERRORS } from '@polyshop/contracts';
import { maxHeaderSize } from 'node:http';
import { once } from 'node:events';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { createServiceApp } from '../bootstrap/create-service-app';
import { withTimeout } from '../with-timeout';
import { HTTP_SERVER_ERRORS, PROBLEM_CONTENT_TYPE, type ProblemDetails } from './problem-details';
import {
  clientErrorRefusal,
  MAX_PATH_PARAM_LENGTH,
  REFUSED_CONNECTION_LINGER_MS,
} from './server-refusals';

@Controller('items')
class ItemsController {
  @Get(':id')
  get(@Param('id') id: string): { id: string } {
    return { id };
  }
}

@Module({ controllers: [ItemsController] })
class ItemsModule {}

/** What came back on a raw connection, and whether the server closed it. */
interface RawAnswer {
  status: number;
  headers: Map<string, string>;
  body: string;
  /** Milliseconds from the end of the answer to the server closing its end of the connection. */
  closedAfterMs: number;
}

/** The table entry of a code, wherever it is defined. */
const entryOf = (code: string) =>
  ({ ...ERRORS, ...HTTP_SERVER_ERRORS })[code as 'VALIDATION.FAILED'];

function expectProblemAnswer(
  answer: { status: number; contentType: string | undefined; body: unknown },
  code: string,
): ProblemDetails {
  const { status, title } = entryOf(code);
  expect({ status: answer.status, contentType: answer.contentType }).toEqual({
    status,
    contentType: PROBLEM_CONTENT_TYPE,
  });
  const problem = answer.body as ProblemDetails;
  expect(problem).toMatchObject({
    type: `https://polyshop.dev/problems/${code}`,
    title,
    status,
    code,
    detail: expect.any(String) as string,
  });
  return problem;
}

describe("what every app's HTTP server refuses before Nest sees the request", () => {
  let app: NestFastifyApplication;
  let port: number;

  beforeAll(async () => {
    app = await createServiceApp(ItemsModule, { name: 'refusals-spec', rpcServer: false });
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
  });

  afterAll(() => app?.close());

  /**
   * Sends `request` as raw bytes (what fetch refuses to send) and reads the answer until the
   * server has closed its end of the connection. With `keepOpen` the client never closes its
   * side, as a slow or hostile one would not.
   */
  async function exchange(request: string, { keepOpen = false } = {}): Promise<RawAnswer> {
    const server = app.getHttpServer();
    const serverSide = new Promise<Socket>((resolve) => server.once('connection', resolve));
    const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: keepOpen });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.write(request);
    try {
      const [answeredAt, closedAt] = await withTimeout(
        Promise.all([
          once(socket, 'end').then(() => performance.now()),
          serverSide.then((side) => once(side, 'close')).then(() => performance.now()),
        ]),
        REFUSED_CONNECTION_LINGER_MS + 3_000,
        'the answer and the server closing the connection',
      );
      const [head, body = ''] = Buffer.concat(chunks).toString('utf8').split('\r\n\r\n');
      const [statusLine, ...lines] = head.split('\r\n');
      return {
        status: Number(statusLine.split(' ')[1]),
        headers: new Map(
          lines.map((line) => {
            const colon = line.indexOf(':');
            return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
          }),
        ),
        body,
        closedAfterMs: closedAt - answeredAt,
      };
    } finally {
      socket.destroy();
    }
  }

  /** Checks the framing of a raw answer and returns it as problem details. */
  function problemOf(answer: RawAnswer, code: string): ProblemDetails {
    expect(answer.headers.get('content-length')).toBe(String(Buffer.byteLength(answer.body)));
    expect(answer.headers.get('connection')).toBe('close');
    return expectProblemAnswer(
      {
        status: answer.status,
        contentType: answer.headers.get('content-type'),
        body: JSON.parse(answer.body),
      },
      code,
    );
  }

  async function get(path: string) {
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? undefined,
      body: await response.json(),
    };
  }

  it('answers a control byte in a header with 400 REQUEST.REJECTED problem details, and lets the connection go', async () => {
    const answer = await exchange('GET /items/1 HTTP/1.1\r\nHost: x\r\nX-Note: a\u0001b\r\n\r\n');

    const problem = problemOf(answer, 'REQUEST.REJECTED');
    expect(problem.detail).toMatch(/^The request is not valid HTTP\/1\.1: \S/);
    // A client that closes its side once answered is let go at once, not after the linger time.
    expect(answer.closedAfterMs).toBeLessThan(REFUSED_CONNECTION_LINGER_MS);
  });

  it.each([
    ['headers', `GET /items/1 HTTP/1.1\r\nHost: x\r\nX-Big: ${'k'.repeat(maxHeaderSize)}\r\n\r\n`],
    ['a request line', `GET /items/${'a'.repeat(maxHeaderSize)} HTTP/1.1\r\nHost: x\r\n\r\n`],
  ])(
    'answers %s over the header limit with 431 REQUEST.HEADERS_TOO_LARGE, read to the end',
    async (_, request) => {
      const answer = await exchange(request);

      const problem = problemOf(answer, 'REQUEST.HEADERS_TOO_LARGE');
      expect(problem.detail).toContain(String(maxHeaderSize));
      expect(answer.closedAfterMs).toBeLessThan(REFUSED_CONNECTION_LINGER_MS);
    },
  );

  it('closes a refused connection the client keeps open once the linger time is over', async () => {
    const answer = await exchange('GET /items/1 HTTP/1.1\r\nHost: x\r\nX-Note: a\u0001b\r\n\r\n', {
      keepOpen: true,
    });

    problemOf(answer, 'REQUEST.REJECTED');
    expect(answer.closedAfterMs).toBeGreaterThanOrEqual(REFUSED_CONNECTION_LINGER_MS - 50);
  }, 10_000);

  it.each(['%', '%zz', '%ED%A0%80', '%C0%AF/cancel'])(
    'answers the path /items/%s, not percent-encoded UTF-8, with 400 REQUEST.REJECTED',
    async (segment) => {
      const answer = await get(`/items/${segment}?q=1`);

      const problem = expectProblemAnswer(answer, 'REQUEST.REJECTED');
      expect(problem.instance).toBe(`/items/${segment}`);
    },
  );

  it('answers a path parameter longer than any id with 400 VALIDATION.FAILED, up to it with the route', async () => {
    const longest = 'a'.repeat(MAX_PATH_PARAM_LENGTH);

    const over = await get(`/items/${longest}a`);
    const at = await get(`/items/${longest}`);

    const problem = expectProblemAnswer(over, 'VALIDATION.FAILED');
    expect(problem.detail).toContain(String(MAX_PATH_PARAM_LENGTH));
    expect(at).toMatchObject({ status: 200, body: { id: longest } });
  });
});

describe('clientErrorRefusal', () => {
  it.each([
    ['HPE_HEADER_OVERFLOW', 'REQUEST.HEADERS_TOO_LARGE', 431],
    ['HPE_CHUNK_EXTENSIONS_OVERFLOW', 'REQUEST.TOO_LARGE', 413],
    ['ERR_HTTP_REQUEST_TIMEOUT', 'REQUEST.TIMEOUT', 408],
    ['HPE_INVALID_METHOD', 'REQUEST.REJECTED', 400],
  ])('answers Node’s %s with %s (%i), as Node’s own handler would', (nodeCode, code, status) => {
    const refusal = clientErrorRefusal({ code: nodeCode });

    expect(refusal.code).toBe(code);
    expect(HTTP_SERVER_ERRORS[refusal.code].status).toBe(status);
  });
});
