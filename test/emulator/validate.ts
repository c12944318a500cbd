import { ChimeError } from './wire.ts';
import type { Flavor } from './types.ts';

/**
 * Amazon Chime's input rules, written out here on purpose rather than imported from the project's
 * shared/ contract: the emulator is the independent check of that contract. Messages name the rule,
 * never the value (ExternalUserIds and tags are sensitive).
 */

const GUID = /^[a-fA-F0-9]{8}(?:-[a-fA-F0-9]{4}){3}-[a-fA-F0-9]{12}$/;
/** The documented ExternalUserId pattern; its `\s` is Java's, so ASCII whitespace only. */
const EXTERNAL_USER_ID = /^[-_&@+=,(){}[\]/«».:|'"#a-zA-Z0-9À-ÿ \t\n\x0B\f\r]*$/;
const CLIENT_REQUEST_TOKEN = /^[-_a-zA-Z0-9]*$/;
const CAPABILITY = new Set(['SendReceive', 'Send', 'Receive', 'None']);
/** Content may only be received when video is received too (AWS answers 400 otherwise). */
const RECEIVING = new Set(['SendReceive', 'Receive']);

/** Media regions of the Chime SDK (CreateMeeting's MediaRegion: the model's list, and il-central-1). */
const MEDIA_REGIONS: ReadonlySet<string> = new Set([
  'af-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-north-1',
  'eu-south-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'us-gov-east-1',
  'us-gov-west-1',
]);

const ATTENDEES_PER_CALL = { min: 1, max: 100 } as const;
export const ATTENDEES_PER_MEETING = 250;
const LIST_ATTENDEES_MAX_RESULTS = 100;

export interface Capabilities {
  Audio: string;
  Video: string;
  Content: string;
}
export interface Tag {
  Key: string;
  Value: string;
}
/** One attendee to create, as the request described it. */
export interface AttendeeRequest {
  ExternalUserId: string;
  Capabilities?: Capabilities;
  Tags?: Tag[];
}

/** What a message repeats of a caller's text (a path, a field name): its start, so no answer grows with the request. */
export function excerpt(text: string, max = 64): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export function badRequest(message: string): ChimeError {
  return new ChimeError('BadRequestException', message);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function requireGuid(value: string, field: string): string {
  if (!GUID.test(value)) throw badRequest(`${field} must be a GUID`);
  return value;
}

export function requireObject(value: unknown, field: string): Record<string, unknown> {
  if (!isRecord(value)) throw badRequest(`${field} must be an object`);
  return value;
}

export function boundedString(value: unknown, field: string, min: number, max: number): string {
  if (typeof value !== 'string' || value.length < min || value.length > max) {
    throw badRequest(`${field} must be a string of ${min} to ${max} characters`);
  }
  return value;
}

export function optionalBoundedString(value: unknown, field: string, min: number, max: number): string | undefined {
  return value === undefined ? undefined : boundedString(value, field, min, max);
}

export function clientRequestToken(value: unknown, field = 'ClientRequestToken'): string {
  const token = boundedString(value, field, 2, 64);
  if (!CLIENT_REQUEST_TOKEN.test(token)) throw badRequest(`${field} may only hold letters, digits, '-' and '_'`);
  return token;
}

export function mediaRegion(value: unknown): string {
  if (typeof value !== 'string' || !MEDIA_REGIONS.has(value)) throw badRequest('MediaRegion must be a supported media region');
  return value;
}

/** An ExternalUserId; ExternalMeetingId has the same rules. */
export function externalUserId(value: unknown, field: string): string {
  const id = boundedString(value, field, 2, 64);
  if (!EXTERNAL_USER_ID.test(id)) throw badRequest(`${field} has characters outside the allowed pattern`);
  if (id.toLowerCase().startsWith('aws:')) throw badRequest(`${field} must not start with the reserved prefix 'aws:'`);
  return id;
}

function capabilities(value: unknown, field: string): Capabilities {
  const input = requireObject(value, field);
  const values = {} as Capabilities;
  for (const media of ['Audio', 'Video', 'Content'] as const) {
    const capability = input[media];
    if (typeof capability !== 'string' || !CAPABILITY.has(capability)) {
      throw badRequest(`${field}.${media} is required and must be one of SendReceive, Send, Receive, None`);
    }
    values[media] = capability;
  }
  if (RECEIVING.has(values.Content) && !RECEIVING.has(values.Video)) {
    throw badRequest(`${field}: Content ${values.Content} needs Video SendReceive or Receive`);
  }
  return values;
}

function tags(value: unknown, field: string): Tag[] {
  if (!Array.isArray(value) || value.length < 1 || value.length > 10) throw badRequest(`${field} must hold 1 to 10 tags`);
  return value.map((tag, index) => {
    const input = requireObject(tag, `${field}[${index}]`);
    return {
      Key: boundedString(input.Key, `${field}[${index}].Key`, 1, 128),
      Value: boundedString(input.Value, `${field}[${index}].Value`, 1, 256),
    };
  });
}

/**
 * One attendee of CreateAttendee or BatchCreateAttendee. Each flavor refuses the other's field
 * (Capabilities are current-only, Tags legacy-only): stricter than AWS, which may ignore unknown
 * members, so a client mixing flavors is caught here rather than silently losing data.
 */
export function attendeeRequest(value: unknown, flavor: Flavor, field = ''): AttendeeRequest {
  const input = requireObject(value, field || 'body');
  const at = (member: string) => (field ? `${field}.${member}` : member);
  const request: AttendeeRequest = { ExternalUserId: externalUserId(input.ExternalUserId, at('ExternalUserId')) };
  const [own, foreign] = flavor === 'chime' ? (['Tags', 'Capabilities'] as const) : (['Capabilities', 'Tags'] as const);
  if (input[foreign] !== undefined) throw badRequest(`${at(foreign)} is not supported by the ${flavor} API`);
  if (input[own] !== undefined) {
    if (own === 'Tags') request.Tags = tags(input.Tags, at('Tags'));
    else request.Capabilities = capabilities(input.Capabilities, at('Capabilities'));
  }
  return request;
}

export function attendeeRequests(body: Record<string, unknown>, flavor: Flavor): AttendeeRequest[] {
  const list = body.Attendees;
  const { min, max } = ATTENDEES_PER_CALL;
  if (!Array.isArray(list) || list.length < min || list.length > max) {
    throw badRequest(`Attendees must hold ${min} to ${max} attendees`);
  }
  return list.map((item, index) => attendeeRequest(item, flavor, `Attendees[${index}]`));
}

/** ListAttendees' `max-results`: 1 to 100; AWS documents no default, so the maximum is used. */
export function maxResults(value: string | undefined): number {
  if (value === undefined) return LIST_ATTENDEES_MAX_RESULTS;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1 || number > LIST_ATTENDEES_MAX_RESULTS) {
    throw badRequest(`max-results must be an integer from 1 to ${LIST_ATTENDEES_MAX_RESULTS}`);
  }
  return number;
}
