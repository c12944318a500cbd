import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument, documentsToStore } from '../../edge/openapi/build.ts';
import { servedOpenApiDocument, unpackStoredDocuments } from '../../edge/openapi/served.ts';
import { ERROR_STATUS } from '../../shared/index.ts';

describe('the OpenAPI document', () => {
  it.each(['chime-sdk-meetings', 'chime'] as const)('is valid OpenAPI 3.1 for the %s API', async (api) => {
    const validator = new Validator();
    const result = await validator.validate(buildOpenApiDocument(api, 250));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('is generated from the contract: limits, patterns and the flavor’s own fields', () => {
    const doc = buildOpenApiDocument('chime-sdk-meetings', 120) as any;
    const request = doc.components.schemas.BatchCreateAttendeeRequest;
    const attendee = request.properties.Attendees.items;
    expect(request.properties.Attendees.maxItems).toBe(120);
    expect(attendee.properties.ExternalUserId).toMatchObject({ minLength: 2, maxLength: 64 });
    expect(attendee.properties.Tags).toEqual({ not: {} });
    expect(attendee.properties.Capabilities.required).toEqual(['Audio', 'Video', 'Content']);
    expect(
      (buildOpenApiDocument('chime', 250) as any).components.schemas.BatchCreateAttendeeRequest.properties.Attendees.items.properties
        .Capabilities,
    ).toEqual({ not: {} });
  });

  it('describes CreateMeeting from the contract, for the current API only', () => {
    const doc = buildOpenApiDocument('chime-sdk-meetings', 250) as any;
    const request = doc.components.schemas.CreateMeetingRequest;
    expect(request.required).toEqual(['ExternalMeetingId']);
    expect(request.properties.MeetingFeatures.properties.Attendee.properties.MaxCount).toEqual({
      type: 'integer',
      minimum: 1,
      maximum: 250,
    });
    expect(request.properties.Attendees).toEqual(doc.components.schemas.BatchCreateAttendeeRequest.properties.Attendees);
    expect(doc.components.schemas.CreateMeetingResponse.required).toEqual(['Meeting', 'Attendees', 'Errors']);
    const legacy = buildOpenApiDocument('chime', 250) as any;
    expect([legacy.paths['/meetings'], legacy.components.schemas.CreateMeetingRequest]).toEqual([undefined, undefined]);
    expect(legacy.paths['/meetings/{MeetingId}'].delete.operationId).toBe('DeleteMeeting');
  });

  it('describes GET /token from the contract: any token, no upstream headers', () => {
    const get = (buildOpenApiDocument('chime-sdk-meetings', 250) as any).paths['/token'].get;
    expect([get.operationId, get.security]).toEqual(['GetToken', [{ bearer: [] }]]);
    expect(get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/TokenInfo' });
    const info = (buildOpenApiDocument('chime', 250) as any).components.schemas.TokenInfo;
    expect([info.required, info.properties.Operations.items.enum]).toEqual([
      ['Name', 'Operations'],
      ['read', 'create', 'delete', 'meetings'],
    ]);
  });

  it('describes the bearer scheme and every error status', () => {
    const doc = buildOpenApiDocument('chime-sdk-meetings', 250) as any;
    const post = doc.paths['/meetings/{MeetingId}/attendees'].post;
    expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
    expect(post.security).toEqual([{ bearer: [] }]);
    for (const status of Object.values(ERROR_STATUS))
      expect(post.responses[String(status)]).toEqual({ $ref: '#/components/responses/Error' });
    expect(doc.components.schemas.Error.properties.Code.enum).toEqual(Object.keys(ERROR_STATUS));
  });

  it('describes every route, each with its token scope, upstream headers and every error status', () => {
    const doc = buildOpenApiDocument('chime-sdk-meetings', 250) as any;
    const operations = [
      doc.paths['/meetings'].post,
      doc.paths['/meetings/{MeetingId}'].get,
      doc.paths['/meetings/{MeetingId}'].delete,
      doc.paths['/meetings/{MeetingId}/attendees'].post,
      doc.paths['/meetings/{MeetingId}/attendees'].get,
      doc.paths['/meetings/{MeetingId}/attendees/{AttendeeId}'].delete,
      doc.paths['/meetings/{MeetingId}/attendees/delete'].post,
    ];
    expect(operations.map((o) => o.operationId)).toEqual([
      'CreateMeeting',
      'GetMeeting',
      'DeleteMeeting',
      'BatchCreateAttendee',
      'ListAttendees',
      'DeleteAttendee',
      'DeleteAttendees',
    ]);
    for (const o of operations) {
      expect(o.security).toEqual([{ bearer: [] }]);
      expect(o.description).toMatch(/^Needs a token allowed to (read|create|delete|meetings)/);
      expect(Object.keys(o.responses).some((status) => status.startsWith('2') && o.responses[status].headers['x-upstream-attempts'])).toBe(
        true,
      );
      for (const status of Object.values(ERROR_STATUS)) expect(o.responses[String(status)]).toBeDefined();
    }
    expect(doc.components.schemas.DeleteAttendeesRequest.oneOf).toEqual([
      { required: ['ExternalUserIdPrefix'] },
      { required: ['AttendeeIds'] },
    ]);
    expect(doc.components.schemas.ListAttendeesResponse.properties.Attendees.items.properties).not.toHaveProperty('JoinToken');
  });
});

describe('the served document', () => {
  it('is the one generated from the current contract (run `npm run openapi` after changing it)', async () => {
    expect(await unpackStoredDocuments()).toEqual(JSON.parse(JSON.stringify(documentsToStore())));
  });

  it('is, byte for byte, the document generated for each configuration', async () => {
    const configurations = [
      ['chime-sdk-meetings', 250],
      ['chime-sdk-meetings', 120],
      ['chime', 250],
      ['chime', 1],
    ] as const;
    for (const [api, maxAttendees] of configurations) {
      expect(JSON.stringify(await servedOpenApiDocument(api, maxAttendees))).toBe(JSON.stringify(buildOpenApiDocument(api, maxAttendees)));
    }
  });

  it('carries the configured attendee limit', async () => {
    const { schemas } = ((await servedOpenApiDocument('chime-sdk-meetings', 120)) as any).components;
    expect([
      schemas.BatchCreateAttendeeRequest.properties.Attendees.maxItems,
      schemas.CreateMeetingRequest.properties.Attendees.maxItems,
    ]).toEqual([120, 120]);
    expect(await servedOpenApiDocument('chime-sdk-meetings', 120)).toEqual(buildOpenApiDocument('chime-sdk-meetings', 120));
    expect(await servedOpenApiDocument('chime', 250)).toEqual(buildOpenApiDocument('chime', 250));
  });
});
