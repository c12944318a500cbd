import {
  ATTENDEES_PER_MEETING,
  badRequest,
  boundedString,
  clientRequestToken,
  externalUserId,
  mediaRegion,
  optionalBoundedString,
  requireGuid,
  requireObject,
} from './validate.ts';
import type { Flavor } from './types.ts';

/**
 * CreateMeeting's input rules, from the service model (botocore chime-sdk-meetings 2021-07-15), written out
 * independently of shared/ like validate.ts. Unknown members are dropped, as AWS's deserializers do.
 */

/** FHD video or UHD content: the meeting needs Attendee.MaxCount, at most this. */
export const HIGH_RESOLUTION_MAX_ATTENDEES = 25;

export interface MeetingFeatures {
  Audio?: { EchoReduction?: string };
  Video?: { MaxResolution?: string };
  Content?: { MaxResolution?: string };
  Attendee?: { MaxCount?: number };
}

export interface MeetingFields {
  ClientRequestToken: string;
  MediaRegion: string;
  ExternalMeetingId?: string;
  MeetingHostId?: string;
  PrimaryMeetingId?: string;
  MeetingFeatures?: MeetingFeatures;
  TenantIds?: string[];
}

const ARN = /^arn[/:\-_.a-zA-Z0-9]+$/;
/** The model's TenantId: no character four times in a row. */
const TENANT_ID = /^(?!.*?(.)\1{3})[-_!@#$a-zA-Z0-9]*$/;
/** The model's patterns, `+-=` (a range from `+` to `=`) and Java's ASCII `\s` included. */
const TAG_KEY = /^[a-zA-Z+-=._:/]+$/;
const TAG_VALUE = /^[ \t\n\x0B\f\r\w+-=.:/@]*$/;

/** Idempotent on ClientRequestToken; the legacy API defaulted MediaRegion to us-east-1 and made ExternalMeetingId optional. */
export function meetingFields(body: Record<string, unknown>, flavor: Flavor): MeetingFields {
  const legacy = flavor === 'chime';
  const fields: MeetingFields = {
    ClientRequestToken: clientRequestToken(body.ClientRequestToken),
    MediaRegion: legacy && body.MediaRegion === undefined ? 'us-east-1' : mediaRegion(body.MediaRegion),
    ExternalMeetingId: legacy
      ? optionalBoundedString(body.ExternalMeetingId, 'ExternalMeetingId', 2, 64)
      : externalUserId(body.ExternalMeetingId, 'ExternalMeetingId'),
    MeetingHostId: optionalBoundedString(body.MeetingHostId, 'MeetingHostId', 2, 64),
  };
  return legacy ? fields : { ...fields, ...currentMeetingFields(body) };
}

/** Members only the current API has; those the Meeting answers are kept, the others checked. */
function currentMeetingFields(body: Record<string, unknown>) {
  const { MeetingFeatures, PrimaryMeetingId, TenantIds, NotificationsConfiguration, Tags, MediaPlacementNetworkType } = body;
  if (NotificationsConfiguration !== undefined) notifications(NotificationsConfiguration);
  if (Tags !== undefined) tags(Tags);
  oneOf(MediaPlacementNetworkType, 'MediaPlacementNetworkType', ['Ipv4Only', 'DualStack']);
  return {
    MeetingFeatures: MeetingFeatures === undefined ? undefined : features(MeetingFeatures),
    PrimaryMeetingId: PrimaryMeetingId === undefined ? undefined : primaryMeetingId(PrimaryMeetingId),
    TenantIds: TenantIds === undefined ? undefined : tenantIds(TenantIds),
  };
}

function primaryMeetingId(value: unknown): string {
  return requireGuid(boundedString(value, 'PrimaryMeetingId', 2, 64), 'PrimaryMeetingId');
}

/** An optional member: undefined, or one of the allowed values. */
function oneOf(value: unknown, field: string, allowed: readonly string[]): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !allowed.includes(value)) throw badRequest(`${field} must be one of ${allowed.join(', ')}`);
  return value;
}

function member(parent: Record<string, unknown>, name: string, field: string): Record<string, unknown> | undefined {
  return parent[name] === undefined ? undefined : requireObject(parent[name], `${field}.${name}`);
}

function features(value: unknown): MeetingFeatures {
  const input = requireObject(value, 'MeetingFeatures');
  const kept: MeetingFeatures = {};
  const [audio, video, content, attendee] = ['Audio', 'Video', 'Content', 'Attendee'].map((name) => member(input, name, 'MeetingFeatures'));
  const at = (path: string) => `MeetingFeatures.${path}`;
  if (audio) kept.Audio = prune({ EchoReduction: oneOf(audio.EchoReduction, at('Audio.EchoReduction'), ['AVAILABLE', 'UNAVAILABLE']) });
  if (video) kept.Video = prune({ MaxResolution: oneOf(video.MaxResolution, at('Video.MaxResolution'), ['None', 'HD', 'FHD']) });
  if (content) kept.Content = prune({ MaxResolution: oneOf(content.MaxResolution, at('Content.MaxResolution'), ['None', 'FHD', 'UHD']) });
  if (attendee) kept.Attendee = prune({ MaxCount: maxCount(attendee.MaxCount) });
  const high = kept.Video?.MaxResolution === 'FHD' || kept.Content?.MaxResolution === 'UHD';
  if (high && !((kept.Attendee?.MaxCount ?? Infinity) <= HIGH_RESOLUTION_MAX_ATTENDEES)) {
    throw badRequest(`FHD video or UHD content needs MeetingFeatures.Attendee.MaxCount of at most ${HIGH_RESOLUTION_MAX_ATTENDEES}`);
  }
  return kept;
}

function maxCount(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > ATTENDEES_PER_MEETING) {
    throw badRequest(`MeetingFeatures.Attendee.MaxCount must be an integer from 1 to ${ATTENDEES_PER_MEETING}`);
  }
  return value;
}

/** The object without its undefined members, so the answer shows only what was set. */
function prune<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as T;
}

function notifications(value: unknown): void {
  const input = requireObject(value, 'NotificationsConfiguration');
  for (const name of ['LambdaFunctionArn', 'SnsTopicArn', 'SqsQueueArn']) {
    const arn = optionalBoundedString(input[name], `NotificationsConfiguration.${name}`, 1, 1024);
    if (arn !== undefined && !ARN.test(arn)) throw badRequest(`NotificationsConfiguration.${name} must be an ARN`);
  }
}

function tenantIds(value: unknown): string[] {
  if (!Array.isArray(value) || value.length < 1 || value.length > 5) throw badRequest('TenantIds must hold 1 to 5 tenant ids');
  return value.map((id: unknown, index) => {
    return matching(TENANT_ID, boundedString(id, `TenantIds[${index}]`, 2, 256), `TenantIds[${index}]`);
  });
}

function tags(value: unknown): void {
  if (!Array.isArray(value) || value.length > 50) throw badRequest('Tags must hold at most 50 tags');
  value.forEach((tag: unknown, index) => {
    const field = `Tags[${index}]`;
    const input = requireObject(tag, field);
    matching(TAG_KEY, boundedString(input.Key, `${field}.Key`, 1, 128), `${field}.Key`);
    matching(TAG_VALUE, boundedString(input.Value, `${field}.Value`, 0, 256), `${field}.Value`);
  });
}

function matching(pattern: RegExp, value: string, field: string): string {
  if (!pattern.test(value)) throw badRequest(`${field} has characters outside the allowed pattern`);
  return value;
}
