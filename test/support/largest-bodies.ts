/**
 * The largest valid body of each JSON route, built from the contract's own limits: every list at its longest,
 * every string at its longest in the character its rule allows that JSON.stringify writes longest (a control
 * character as a 6-byte `\u000b`-style escape, where the rule allows one), every choice at its longest value.
 */
import { LIMITS, MEDIA_REGIONS } from '../../shared/index.ts';

const { attendeesPerMeeting, externalUserIdLength, tagsPerAttendee, tagKeyLength, tagValueLength } = LIMITS;
/** An ExternalUserId may hold it; JSON.stringify writes it as `\u000b`. */
const VERTICAL_TAB = '\x0B';
/** Characters an ExternalUserId may hold that JSON.stringify writes in two bytes, to tell IDs apart at the least cost. */
const TWO_BYTES = '\t\n\f\r"ÀÁÂ';
/** Any string: JSON.stringify writes it as `\u0001`. */
const CONTROL = '\x01';

/**
 * ExternalUserIds at their longest, all different: the first all vertical tabs, each other one with a single
 * vertical tab swapped for a two-byte character (the least a difference can cost).
 */
export function longestExternalUserIds(count: number): string[] {
  const { max } = externalUserIdLength;
  const all = VERTICAL_TAB.repeat(max);
  return Array.from({ length: count }, (_, i) => {
    if (i === 0) return all;
    const at = (i - 1) % max;
    return all.slice(0, at) + TWO_BYTES[Math.floor((i - 1) / max)]! + all.slice(at + 1);
  });
}

const capabilities = { Audio: 'SendReceive', Video: 'SendReceive', Content: 'SendReceive' } as const;
const longestAttendees = () =>
  longestExternalUserIds(attendeesPerMeeting).map((ExternalUserId) => ({ ExternalUserId, Capabilities: capabilities }));
const longest = (values: readonly string[]) => values.reduce((a, b) => (b.length > a.length ? b : a));

/** `POST /meetings/{MeetingId}/attendees`, current API: 250 attendees with every capability named. */
export const largestCreateAttendees = () => ({ Attendees: longestAttendees() });

/**
 * `POST /meetings/{MeetingId}/attendees`, legacy API: 250 attendees with 10 tags each at their longest, in
 * three-byte characters. Its tags take any text: written mostly as control characters, JSON.stringify's 6-byte
 * escapes would make it about 5.9 MB, a body nobody sends.
 */
export const largestLegacyCreateAttendees = () => ({
  Attendees: longestExternalUserIds(attendeesPerMeeting).map((ExternalUserId) => ({
    ExternalUserId,
    Tags: Array.from({ length: tagsPerAttendee.max }, () => ({
      Key: '語'.repeat(tagKeyLength.max),
      Value: '語'.repeat(tagValueLength.max),
    })),
  })),
});

/** `POST /meetings/{MeetingId}/attendees/delete`: 250 AttendeeIds (GUIDs, all of one length), made up unless given. */
export const largestDeleteAttendees = (
  attendeeIds = Array.from({ length: attendeesPerMeeting }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`),
) => ({ AttendeeIds: attendeeIds });

const arn = (service: string) => `arn:aws:${service}:us-east-1:123456789012:`.padEnd(1024, 'x');

/**
 * `POST /meetings`: every field at its longest and 250 attendees. Video HD and Content FHD, not None: None is
 * longer by a byte or two, but would hold every attendee's Video or Content to None, far shorter than SendReceive.
 */
export const largestCreateMeeting = (primaryMeetingId: string) => ({
  ClientRequestToken: 'c'.repeat(64),
  ExternalMeetingId: VERTICAL_TAB.repeat(64),
  MediaRegion: longest(MEDIA_REGIONS),
  MeetingHostId: CONTROL.repeat(64),
  MeetingFeatures: {
    Audio: { EchoReduction: 'UNAVAILABLE' },
    Video: { MaxResolution: 'HD' },
    Content: { MaxResolution: 'FHD' },
    Attendee: { MaxCount: attendeesPerMeeting },
  },
  NotificationsConfiguration: { LambdaFunctionArn: arn('lambda'), SnsTopicArn: arn('sns'), SqsQueueArn: arn('sqs') },
  PrimaryMeetingId: primaryMeetingId,
  TenantIds: Array.from({ length: 5 }, (_, i) => `${i}abc`.repeat(64)),
  Tags: Array.from({ length: 50 }, (_, i) => ({ Key: `${i}`.padEnd(128, 'k'), Value: VERTICAL_TAB.repeat(256) })),
  MediaPlacementNetworkType: 'DualStack',
  Attendees: longestAttendees(),
});

/** A body as JSON.stringify writes it, compact and pretty-printed (indent 2): its larger size is the pretty one. */
export const writtenSizes = (body: unknown) => ({
  compact: utf8Bytes(JSON.stringify(body)),
  pretty: utf8Bytes(JSON.stringify(body, null, 2)),
});

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;
