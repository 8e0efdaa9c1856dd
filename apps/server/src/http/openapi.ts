import type { FastifyInstance } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { PROTOCOL_VERSION } from '@cw/contracts';
import { requires, signedIn } from '../auth/http-auth.ts';

export const OPENAPI_PATH = '/api/v1/openapi.json';
export const API_DOCS_PATH = '/api/docs';

/** Routes' zod schemas validate what comes in and what goes out. */
export function useZodSchemas(app: FastifyInstance): void {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
}

/**
 * Routes validate params, queries, bodies and replies with the zod schemas they declare, and
 * the OpenAPI document is generated from the same schemas, so the two cannot drift apart.
 * Must run before any route is registered: the document collects routes as they are added.
 */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  useZodSchemas(app);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: '城市之窗 City Window API',
        description: `The aggregation server's HTTP API (live data goes over Socket.IO, protocol ${PROTOCOL_VERSION}; see docs/protocol.md). Sign in with a session cookie (POST /api/v1/auth/login) or a bearer token (displays, data sources).`,
        version,
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'cw_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
    // Only the API: the web app's files and the probes are not part of the contract.
    hideUntagged: true,
  });
  // Data sources and integrators need the document; the browsable UI is for administrators.
  app.get(OPENAPI_PATH, { preValidation: signedIn(), schema: { hide: true }, config: { audit: false } }, async () => app.swagger());
  await app.register(fastifySwaggerUi, {
    routePrefix: API_DOCS_PATH,
    uiHooks: { preHandler: requires('api.docs') },
    // No call to swagger.io's online validator: the centre's network may not reach it.
    uiConfig: { validatorUrl: null },
  });
}
