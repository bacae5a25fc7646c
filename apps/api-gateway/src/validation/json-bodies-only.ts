import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { GatewayError } from '../problems/gateway.errors';

const isJson = (contentType: string): boolean =>
  contentType.split(';')[0].trim().toLowerCase() === 'application/json';

/**
 * JSON in: a request that declares any other body type (form, text, ...) is refused with
 * `REQUEST.UNSUPPORTED_MEDIA_TYPE` (415) before parsing, rather than parsed by Fastify's or
 * Nest's other parsers and then failing validation in a less telling way.
 */
export function acceptJsonBodiesOnly(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook(
      'onRequest',
      (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
        const contentType = request.headers['content-type'];
        if (contentType === undefined || isJson(contentType)) {
          done();
          return;
        }
        done(
          new GatewayError(
            'REQUEST.UNSUPPORTED_MEDIA_TYPE',
            `Bodies must be application/json, not ${contentType.split(';')[0]}`,
          ),
        );
      },
    );
}
