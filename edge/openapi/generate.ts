import { toJsonSchema } from '@valibot/to-json-schema';
import {
  BatchCreateAttendeeResponseSchema,
  ERROR_STATUS,
  ErrorBodySchema,
  HEADERS,
  LIMITS,
  MeetingIdSchema,
  batchCreateAttendeeRequestSchema,
  type ChimeApi,
} from '../../shared/index.ts';

type JsonObject = Record<string, unknown>;

/** JSON Schema 2020-12 (OpenAPI 3.1's dialect) of a contract schema; refinements it cannot express are left out. */
function jsonSchema(schema: Parameters<typeof toJsonSchema>[0]): JsonObject {
  const { $schema: _, ...rest } = toJsonSchema(schema, { target: 'draft-2020-12', errorMode: 'ignore' }) as JsonObject;
  return rest;
}

const errorStatuses = [...new Set(Object.values(ERROR_STATUS))].sort();

/**
 * The worker's OpenAPI 3.1 document, generated from the contract for an API flavor. It is generated
 * ahead of time (`npm run openapi`) into documents.json, so the converter stays out of the Worker bundle.
 */
export function openApiDocument(api: ChimeApi, maxAttendees: number): JsonObject {
  const errorResponse = { $ref: '#/components/responses/Error' };
  return {
    openapi: '3.1.0',
    info: {
      title: 'chime-attendees',
      version: '1.0.0',
      description: `Creates Amazon Chime SDK meeting attendees (upstream API: ${api}). Every requested ExternalUserId comes back exactly once, in Attendees or in Errors.`,
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        BatchCreateAttendeeRequest: jsonSchema(batchCreateAttendeeRequestSchema({ api, maxAttendees })),
        BatchCreateAttendeeResponse: jsonSchema(BatchCreateAttendeeResponseSchema),
        Error: jsonSchema(ErrorBodySchema),
      },
      responses: {
        Error: {
          description: 'An error; its name is also in the x-amzn-ErrorType header.',
          headers: { [HEADERS.errorType]: { schema: { type: 'string', enum: Object.keys(ERROR_STATUS) } } },
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    },
    paths: {
      '/meetings/{MeetingId}/attendees': {
        post: {
          operationId: 'BatchCreateAttendee',
          summary: `Create 1 to ${maxAttendees} attendees in a meeting`,
          security: [{ bearer: [] }],
          parameters: [
            { name: 'MeetingId', in: 'path', required: true, schema: jsonSchema(MeetingIdSchema) },
            { name: 'operation', in: 'query', required: false, schema: { type: 'string', enum: ['batch-create'] } },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/BatchCreateAttendeeRequest' } } } },
          responses: {
            '200': {
              description: 'Every requested attendee, created or with its error.',
              headers: {
                [HEADERS.attempts]: { description: 'Upstream calls made, retries included.', schema: { type: 'integer' } },
                'Server-Timing': { description: 'upstream;dur=<ms>', schema: { type: 'string' } },
              },
              content: { 'application/json': { schema: { $ref: '#/components/schemas/BatchCreateAttendeeResponse' } } },
            },
            ...Object.fromEntries(errorStatuses.map((status) => [String(status), errorResponse])),
          },
        },
      },
      '/healthz': {
        get: {
          operationId: 'Health',
          responses: {
            '200': {
              description: 'The worker is configured.',
              content: { 'application/json': { schema: { type: 'object', properties: { ok: { type: 'boolean' }, api: { type: 'string' } } } } },
            },
            '500': errorResponse,
          },
        },
      },
      '/openapi.json': { get: { operationId: 'OpenApi', responses: { '200': { description: 'This document.' } } } },
    },
  };
}

/**
 * What `npm run openapi` writes: the current API's document for a whole meeting, and the legacy API's
 * attendee schema, the only part where the two flavors differ.
 */
export function generatedDocuments() {
  const legacy = openApiDocument('chime', LIMITS.attendeesPerMeeting) as any;
  return {
    document: openApiDocument('chime-sdk-meetings', LIMITS.attendeesPerMeeting),
    legacyAttendee: legacy.components.schemas.BatchCreateAttendeeRequest.properties.Attendees.items,
    legacyDescription: legacy.info.description,
  };
}
