import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ProblemResponse } from './problem.response';
import { serveDocsUi } from './docs-ui';

/** Swagger UI. */
export const DOCS_PATH = '/docs';
/** The OpenAPI 3 document, as JSON. */
export const OPENAPI_JSON_PATH = '/docs-json';

const DESCRIPTION = `Public REST API of Polyshop. Amounts are integer minor units (cents) with an
ISO 4217 currency. Every error is RFC 9457 problem details (\`application/problem+json\`) with a
stable \`code\` such as \`ORDER.NOT_FOUND\`. Unknown fields in a body are rejected (400).`;

/**
 * The OpenAPI document of every route (built on its first request, from the controllers'
 * decorators) at `/docs-json`, and Swagger UI at `/docs`.
 */
export function setUpApiDocs(app: NestFastifyApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Polyshop API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  SwaggerModule.setup(
    DOCS_PATH,
    app,
    () => SwaggerModule.createDocument(app, config, { extraModels: [ProblemResponse] }),
    { ui: false, raw: ['json'], jsonDocumentUrl: OPENAPI_JSON_PATH },
  );
  serveDocsUi(app, DOCS_PATH, OPENAPI_JSON_PATH);
}
