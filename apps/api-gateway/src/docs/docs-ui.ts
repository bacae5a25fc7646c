import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import getSwaggerUiPath from 'swagger-ui-dist/absolute-path.js';

const ASSETS: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
};

const page = (path: string, documentUrl: string): string => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Polyshop API</title>
    <link rel="stylesheet" href="${path}/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${path}/swagger-ui-bundle.js"></script>
    <script src="${path}/swagger-ui-standalone-preset.js"></script>
    <script>
      window.ui = SwaggerUIBundle({
        url: '${documentUrl}',
        dom_id: '#swagger-ui',
        presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
        layout: 'StandaloneLayout',
      });
    </script>
  </body>
</html>
`;

/**
 * Swagger UI at `path`, reading the OpenAPI document from `documentUrl`. Served from
 * `swagger-ui-dist` by three plain routes, because `SwaggerModule`'s own UI needs
 * `@fastify/static`, which this workspace does not install.
 */
export function serveDocsUi(app: NestFastifyApplication, path: string, documentUrl: string): void {
  const adapter = app.getHttpAdapter();
  const html = page(path, documentUrl);
  const assets = getSwaggerUiPath();
  adapter.get(path, (_request: FastifyRequest, reply: FastifyReply) =>
    reply.type('text/html; charset=utf-8').send(html),
  );
  for (const [file, type] of Object.entries(ASSETS)) {
    adapter.get(`${path}/${file}`, (_request: FastifyRequest, reply: FastifyReply) =>
      reply.type(type).send(createReadStream(join(assets, file))),
    );
  }
}
