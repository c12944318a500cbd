import { toJsonSchema } from '@valibot/to-json-schema';
import {
  AttendeeIdSchema,
  BatchCreateAttendeeResponseSchema,
  CreateMeetingResponseSchema,
  DeleteAttendeesRequestSchema,
  DeleteAttendeesResponseSchema,
  ERROR_STATUS,
  ErrorBodySchema,
  GetMeetingResponseSchema,
  HEADERS,
  LIMITS,
  ListAttendeesResponseSchema,
  MeetingIdSchema,
  TokenInfoSchema,
  batchCreateAttendeeRequestSchema,
  createMeetingRequestSchema,
  type ChimeApi,
} from '../../shared/index.ts';

import { withoutCreateMeeting } from './legacy.ts';

type JsonObject = Record<string, unknown>;

/** JSON Schema 2020-12 (OpenAPI 3.1's dialect) of a contract schema; refinements it cannot express are left out. */
function jsonSchema(schema: Parameters<typeof toJsonSchema>[0]): JsonObject {
  const { $schema: _, ...rest } = toJsonSchema(schema, { target: 'draft-2020-12', errorMode: 'ignore' }) as JsonObject;
  return rest;
}

const errorStatuses = [...new Set(Object.values(ERROR_STATUS))].sort();
const errorResponses = Object.fromEntries(errorStatuses.map((status) => [String(status), { $ref: '#/components/responses/Error' }]));
const jsonContent = (schema: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } });
const meetingIdParameter = { name: 'MeetingId', in: 'path', required: true, schema: jsonSchema(MeetingIdSchema) };
const upstreamHeaders = {
  [HEADERS.attempts]: { description: 'Upstream calls made, retries included.', schema: { type: 'integer' } },
  'Server-Timing': { description: 'upstream;dur=<ms>', schema: { type: 'string' } },
};

/** An operation that needs a bearer token allowed `scope`, and calls Amazon Chime. */
function operation(operationId: string, scope: string, summary: string, fields: JsonObject, success: JsonObject): JsonObject {
  return {
    operationId,
    summary,
    description: `Needs a token allowed to ${scope}.`,
    security: [{ bearer: [] }],
    ...fields,
    responses: { ...success, ...errorResponses },
  };
}

const ok = (description: string, schema: string) => ({ '200': { description, headers: upstreamHeaders, content: jsonContent(schema) } });

/**
 * The worker's OpenAPI 3.1 document, generated from the contract for an API flavor. It is generated
 * ahead of time (`npm run openapi`) into documents.ts, deflated, so the converter stays out of the Worker bundle.
 */
export function buildOpenApiDocument(api: ChimeApi, maxAttendees: number): JsonObject {
  const document = {
    openapi: '3.1.0',
    info: {
      title: 'chime-attendees',
      version: '1.0.0',
      description:
        `Creates, lists and deletes Amazon Chime SDK meeting attendees, and creates and ends test meetings (upstream API: ${api}). ` +
        'Every requested ExternalUserId comes back exactly once, in Attendees or in Errors.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        BatchCreateAttendeeRequest: jsonSchema(batchCreateAttendeeRequestSchema({ api, maxAttendees })),
        BatchCreateAttendeeResponse: jsonSchema(BatchCreateAttendeeResponseSchema),
        // Rules across fields, which the converter cannot express: said here instead.
        CreateMeetingRequest: {
          ...jsonSchema(createMeetingRequestSchema({ api, maxAttendees })),
          description: [
            "Attendees: at most the meeting's MeetingFeatures.Attendee.MaxCount (250 when unset).",
            'FHD video or UHD content needs an Attendee.MaxCount of at most 25.',
            "Where Video or Content MaxResolution is None, an attendee's Capabilities for it must be None.",
            "Without a ClientRequestToken the worker makes one; without a MediaRegion, it uses the worker's region.",
          ].join(' '),
        },
        CreateMeetingResponse: jsonSchema(CreateMeetingResponseSchema),
        GetMeetingResponse: jsonSchema(GetMeetingResponseSchema),
        ListAttendeesResponse: jsonSchema(ListAttendeesResponseSchema),
        // The converter cannot express "exactly one of the two": said here instead.
        DeleteAttendeesRequest: {
          ...jsonSchema(DeleteAttendeesRequestSchema),
          oneOf: [{ required: ['ExternalUserIdPrefix'] }, { required: ['AttendeeIds'] }],
        },
        DeleteAttendeesResponse: jsonSchema(DeleteAttendeesResponseSchema),
        TokenInfo: jsonSchema(TokenInfoSchema),
        Error: jsonSchema(ErrorBodySchema),
      },
      responses: {
        Error: {
          description: 'An error; its name is also in the x-amzn-ErrorType header.',
          headers: { [HEADERS.errorType]: { schema: { type: 'string', enum: Object.keys(ERROR_STATUS) } } },
          content: jsonContent('Error'),
        },
      },
    },
    paths: {
      '/meetings': {
        post: operation(
          'CreateMeeting',
          'meetings, and create for Attendees (limited to its prefixes, if any, for the ExternalMeetingId and ExternalUserIds)',
          'Create a meeting (current API only), and optionally its attendees in the same call',
          { requestBody: { required: true, content: jsonContent('CreateMeetingRequest') } },
          ok(
            'The meeting, and every requested attendee, created or with its error. An error: no meeting was made.',
            'CreateMeetingResponse',
          ),
        ),
      },
      '/meetings/{MeetingId}': {
        get: operation(
          'GetMeeting',
          'read',
          'Whether the meeting is live, and its MediaPlacement for joining',
          { parameters: [meetingIdParameter] },
          ok('The meeting. A NotFoundException means it does not exist or has ended.', 'GetMeetingResponse'),
        ),
        delete: operation(
          'DeleteMeeting',
          'meetings (limited to its prefixes, if any, for the ExternalMeetingId)',
          'End the meeting for everyone, freeing all its slots at once',
          { parameters: [meetingIdParameter] },
          { '204': { description: 'Ended (or found already ended on a retry).', headers: upstreamHeaders } },
        ),
      },
      '/meetings/{MeetingId}/attendees': {
        post: operation(
          'BatchCreateAttendee',
          'create (limited to its ExternalUserId prefixes, if any)',
          `Create 1 to ${maxAttendees} attendees in a meeting`,
          {
            parameters: [
              meetingIdParameter,
              { name: 'operation', in: 'query', required: false, schema: { type: 'string', enum: ['batch-create'] } },
            ],
            requestBody: { required: true, content: jsonContent('BatchCreateAttendeeRequest') },
          },
          ok('Every requested attendee, created or with its error.', 'BatchCreateAttendeeResponse'),
        ),
        get: operation(
          'ListAttendees',
          'read',
          'Every attendee holding a slot in the meeting, without JoinTokens',
          { parameters: [meetingIdParameter] },
          ok('The attendees (for a token limited to prefixes, those within its prefixes).', 'ListAttendeesResponse'),
        ),
      },
      '/meetings/{MeetingId}/attendees/{AttendeeId}': {
        delete: operation(
          'DeleteAttendee',
          'delete (limited to its ExternalUserId prefixes, if any)',
          'Delete an attendee, freeing its slot',
          { parameters: [meetingIdParameter, { name: 'AttendeeId', in: 'path', required: true, schema: jsonSchema(AttendeeIdSchema) }] },
          { '204': { description: 'Deleted (or found already gone on a retry).', headers: upstreamHeaders } },
        ),
      },
      '/meetings/{MeetingId}/attendees/delete': {
        post: operation(
          'DeleteAttendees',
          'delete (limited to its ExternalUserId prefixes, if any)',
          'Delete the attendees whose ExternalUserId starts with a prefix, or those named by AttendeeId',
          { parameters: [meetingIdParameter], requestBody: { required: true, content: jsonContent('DeleteAttendeesRequest') } },
          ok('Every selected attendee, deleted or with its error.', 'DeleteAttendeesResponse'),
        ),
      },
      '/token': {
        get: {
          operationId: 'GetToken',
          summary: "The caller's own token: its name, operations and prefixes (never the token or its hash)",
          description: 'Needs any valid token. Makes no call to Amazon Chime.',
          security: [{ bearer: [] }],
          responses: { '200': { description: 'What the token may do.', content: jsonContent('TokenInfo') }, ...errorResponses },
        },
      },
      '/healthz': {
        get: {
          operationId: 'Health',
          responses: {
            '200': {
              description: 'The worker is configured.',
              content: {
                'application/json': { schema: { type: 'object', properties: { ok: { type: 'boolean' }, api: { type: 'string' } } } },
              },
            },
            '500': { $ref: '#/components/responses/Error' },
          },
        },
      },
      '/openapi.json': { get: { operationId: 'OpenApi', responses: { '200': { description: 'This document.' } } } },
    },
  };
  return api === 'chime-sdk-meetings' ? document : withoutCreateMeeting(document);
}

/**
 * What `npm run openapi` writes: the current API's document for a whole meeting, and the legacy API's
 * attendee schema, the only part where the two flavors differ.
 */
export function documentsToStore() {
  const legacy = buildOpenApiDocument('chime', LIMITS.attendeesPerMeeting) as any;
  return {
    document: buildOpenApiDocument('chime-sdk-meetings', LIMITS.attendeesPerMeeting),
    legacyAttendee: legacy.components.schemas.BatchCreateAttendeeRequest.properties.Attendees.items,
    legacyDescription: legacy.info.description,
  };
}
