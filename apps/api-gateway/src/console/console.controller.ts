import { Controller, Get, Req, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError } from '../problems/gateway.errors';
import { CONSOLE_CSP, CONSOLE_PATH, consoleDir, consoleFile } from './console-files';

/**
 * The file a console URL names (`assets/index-3f2a.js`), or `index.html` for a page of the
 * single-page app (`orders/<id>`), which the app routes itself: only files have an extension.
 */
export function consolePathOf(url: string): string {
  const path = url.split('?')[0].slice(CONSOLE_PATH.length + 1);
  const last = path.split('/').pop() ?? '';
  return last.includes('.') ? decodeURIComponent(path) : 'index.html';
}

/** The saga console's files and pages, at `/console/`: public, its data needs a token. */
@ApiExcludeController()
@Controller(CONSOLE_PATH.slice(1))
export class ConsoleController {
  private readonly root: string;

  constructor(config: ConfigService) {
    this.root = consoleDir(config);
  }

  @Get()
  redirect(@Res() reply: FastifyReply): FastifyReply {
    return reply.redirect(`${CONSOLE_PATH}/`, 301);
  }

  @Get('*')
  serve(@Req() request: FastifyRequest, @Res() reply: FastifyReply): FastifyReply {
    const path = consolePathOf(request.url);
    // Looked up on every request, so a console built after the gateway started is served.
    const file = consoleFile(this.root, path);
    if (file === null) {
      throw path === 'index.html'
        ? new GatewayError(
            'ROUTE.NOT_FOUND',
            'The console is not built: run `nx run console:build` (the gateway serves CONSOLE_DIR)',
          )
        : new GatewayError('ROUTE.NOT_FOUND', `The console has no file ${path}`);
    }
    return reply
      .headers({
        'content-type': file.type,
        'content-length': String(file.size),
        'content-security-policy': CONSOLE_CSP,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        // Built assets have content-hashed names; the page itself must be fetched again.
        'cache-control': path.startsWith('assets/')
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      })
      .send(file.open());
  }
}
