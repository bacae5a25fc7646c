import { Logger } from '@nestjs/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { maxHeaderSize, STATUS_CODES, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import {
  HTTP_SERVER_ERRORS,
  PROBLEM_CONTENT_TYPE,
  serverProblem,
  type HttpServerErrorCode,
} from './problem-details';

/**
 * Longest path parameter the router takes. Every id of the API is 24 hex digits or a UUID
 * (36), so a longer parameter can name nothing: it is refused before routing.
 */
export const MAX_PATH_PARAM_LENGTH = 100;

/**
 * How long a refused connection stays open for the client to read the answer, while the rest
 * of its request is read and dropped; closing with unread data would reset the connection and
 * could lose the answer on its way.
 */
export const REFUSED_CONNECTION_LINGER_MS = 2_000;

/** What a connection error of Node's HTTP parser or server says about the request. */
export interface ClientErrorLike {
  readonly code: string;
  /** Node's parser explains its `HPE_*` errors here (`Invalid header value char`). */
  readonly reason?: unknown;
}

/** The answer to a request Node could not read, mapped as Node's own default handler does. */
export function clientErrorRefusal(error: ClientErrorLike): {
  code: HttpServerErrorCode;
  detail: string;
} {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        code: 'REQUEST.HEADERS_TOO_LARGE',
        detail: `The request line and headers exceed ${maxHeaderSize} bytes`,
      };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return {
        code: 'REQUEST.TOO_LARGE',
        detail: 'The chunk extensions of the body are too large',
      };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { code: 'REQUEST.TIMEOUT', detail: 'The request was not received in full in time' };
    default: {
      const reason = typeof error.reason === 'string' ? `: ${error.reason}` : '';
      return { code: 'REQUEST.REJECTED', detail: `The request is not valid HTTP/1.1${reason}` };
    }
  }
}

// A response already on its way: Node's own default handler does not write into one either.
const isAnswering = (socket: Socket): boolean =>
  (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage?.headersSent === true;

/**
 * Fastify's `clientErrorHandler`: a request Node's HTTP parser refused (headers over
 * `maxHeaderSize`, a control byte in a header, a request that never finished arriving) gets a
 * problem-details answer written on the raw socket, since there is no request or reply object
 * yet, and the connection is closed.
 */
export function answerClientError(error: ClientErrorLike, socket: Socket): void {
  // A reset connection is gone. An ended one was answered already: Node calls this again for
  // every further chunk of a request it refused, while the answered connection lingers.
  if (error.code === 'ECONNRESET' || socket.destroyed || socket.writableEnded) return;
  if (!socket.writable || isAnswering(socket)) {
    socket.destroy();
    return;
  }
  const { code, detail } = clientErrorRefusal(error);
  const { status } = HTTP_SERVER_ERRORS[code];
  const body = JSON.stringify(serverProblem(code, detail));
  socket.end(
    [
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
      `Content-Type: ${PROBLEM_CONTENT_TYPE}`,
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Connection: close',
      '',
      body,
    ].join('\r\n'),
  );
  const linger = setTimeout(() => socket.destroy(), REFUSED_CONNECTION_LINGER_MS).unref();
  socket.once('close', () => clearTimeout(linger));
}

const logger = new Logger('HTTP');

/**
 * Fastify's `frameworkErrors`: what its router refuses before any hook, controller or
 * exception filter runs. A path that is not percent-encoded UTF-8 is rejected (400); a path
 * parameter longer than any id is a 400 `VALIDATION.FAILED`, as a shorter malformed id is,
 * rather than Fastify's 414: the URI is not too long, the id is not one.
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const instance = request.url.split('?')[0];
  let problem;
  if (error.code === 'FST_ERR_BAD_URL') {
    problem = serverProblem(
      'REQUEST.REJECTED',
      'The path is not valid percent-encoded UTF-8',
      instance,
    );
  } else if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    problem = serverProblem(
      'VALIDATION.FAILED',
      `A path parameter is longer than ${MAX_PATH_PARAM_LENGTH} characters: no id is that long`,
      instance,
    );
  } else {
    // Only async route constraints remain, which no app uses: a bug if it ever happens.
    logger.error(`${request.method} ${request.url} -> ${error.code}`, error.stack);
    problem = serverProblem('INTERNAL.ERROR', 'The server failed to route this request', instance);
  }
  void reply
    .code(problem.status)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problem));
}
