import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Serves the OpenAPI document at /docs-json and an interactive page at /docs. */
export function serveOpenApi(app: NestFastifyApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Vigil gateway')
    .setDescription(
      'Device sessions, telemetry, action events and recommendations. SDK calls live under ' +
        '/risk-collect/v1 and use the public client id; backend calls live under /risk/v1 and ' +
        'use a bearer token from POST /oidc/token.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
