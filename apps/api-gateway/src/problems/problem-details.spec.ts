import { NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { ERROR_CODES, ERRORS } from '@polyshop/contracts';
import { EDGE_ERRORS, GatewayError } from './gateway.errors';
import { problemFor } from './problem-details';

const fastifyError = (code: string, statusCode: number, message: string) =>
  Object.assign(new Error(message), { code, statusCode });

describe('problemFor', () => {
  it.each(ERROR_CODES)('answers %s with the status and title of the ERRORS table', (code) => {
    const { problem } = problemFor(new GatewayError(code, 'what happened'));

    expect(problem).toEqual({
      type: `https://polyshop.dev/problems/${code}`,
      title: ERRORS[code].title,
      status: ERRORS[code].status,
      detail: 'what happened',
      code,
    });
  });

  it('keeps the status a service sent for a code this build does not know, else 500', () => {
    const withStatus = problemFor(new GatewayError('USER.LOCKED', 'locked', { status: 423 }));
    const without = problemFor(new GatewayError('USER.LOCKED', 'locked'));

    expect(withStatus.problem).toMatchObject({ status: 423, code: 'USER.LOCKED' });
    expect(without.problem).toMatchObject({ status: 500, code: 'USER.LOCKED' });
  });

  it('ignores a status a service sent for a known code: the table decides', () => {
    const { problem } = problemFor(new GatewayError('ORDER.NOT_FOUND', 'gone', { status: 410 }));

    expect(problem.status).toBe(404);
  });

  it('lists the failing fields of a validation failure, with the instance and correlation id', () => {
    const fields = [{ field: 'items.0.quantity', problems: ['quantity must be an integer'] }];

    const { problem } = problemFor(new GatewayError('VALIDATION.FAILED', 'bad', { fields }), {
      instance: '/orders',
      correlationId: 'c-1',
    });

    expect(problem).toMatchObject({
      status: 400,
      errors: fields,
      instance: '/orders',
      correlationId: 'c-1',
    });
  });

  it('adds extension members and headers without letting them replace the standard ones', () => {
    const { problem, headers } = problemFor(
      new GatewayError('RATE_LIMIT.EXCEEDED', 'slow down', {
        extensions: { status: 200, retryInSeconds: 30 },
        headers: { 'Retry-After': '30' },
      }),
    );

    expect(problem).toMatchObject({ status: 429, retryInSeconds: 30 });
    expect(headers).toEqual({ 'Retry-After': '30' });
  });

  it('challenges every 401 with WWW-Authenticate: Bearer', () => {
    const { headers } = problemFor(new GatewayError('AUTH.UNAUTHENTICATED', 'no token'));

    expect(headers).toEqual({ 'WWW-Authenticate': 'Bearer realm="polyshop"' });
  });

  it.each([
    ['FST_ERR_CTP_BODY_TOO_LARGE', 413, 'REQUEST.TOO_LARGE'],
    ['FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE'],
    ['FST_ERR_CTP_INVALID_JSON_BODY', 400, 'VALIDATION.FAILED'],
    ['FST_ERR_CTP_EMPTY_JSON_BODY', 400, 'VALIDATION.FAILED'],
  ])('maps Fastify’s %s to %i %s', (fastifyCode, status, code) => {
    const { problem } = problemFor(fastifyError(fastifyCode, status, 'parser says no'));

    expect(problem).toMatchObject({ status, code, detail: 'parser says no' });
    expect(problem.title).toBe(
      { ...ERRORS, ...EDGE_ERRORS }[code as keyof typeof EDGE_ERRORS].title,
    );
  });

  it("maps Nest's own exceptions by status: unknown route, rate limit", () => {
    expect(problemFor(new NotFoundException('Cannot GET /x')).problem).toMatchObject({
      status: 404,
      code: 'ROUTE.NOT_FOUND',
      detail: 'Cannot GET /x',
    });
    expect(problemFor(new ThrottlerException()).problem).toMatchObject({
      status: 429,
      code: 'RATE_LIMIT.EXCEEDED',
    });
  });

  it('carries the readiness report of a failed /health/ready', () => {
    const report = {
      status: 'error',
      info: {},
      error: { nats: { status: 'down' } },
      details: { nats: { status: 'down' } },
    };

    const { problem } = problemFor(new ServiceUnavailableException(report));

    expect(problem).toMatchObject({
      status: 503,
      code: 'SERVICE.UNAVAILABLE',
      error: { nats: { status: 'down' } },
      details: { nats: { status: 'down' } },
    });
  });

  it('answers anything else with a 500 that reveals nothing of it', () => {
    const { problem } = problemFor(new TypeError("Cannot read properties of undefined ('pwd')"));

    expect(problem).toEqual({
      type: 'https://polyshop.dev/problems/INTERNAL.ERROR',
      title: 'Internal error',
      status: 500,
      detail: 'The gateway failed to answer this request',
      code: 'INTERNAL.ERROR',
    });
  });
});
