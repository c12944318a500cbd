import * as v from 'valibot';
import type { ChimeApi } from './chimeApis.ts';
import { batchCreateAttendeeRequestSchema } from './createAttendees.ts';
import { ExternalUserIdSchema, MeetingIdSchema } from './ids.ts';
import { LIMITS } from './limits.ts';
import type { Meeting } from './meeting.ts';
import { StringSchema, boundedList, boundedString, closedObject, lengthWithin, oneOf, pathTo } from './schemaParts.ts';

/**
 * Regions a meeting's media may live in: CreateMeeting's documented MediaRegion values, and il-central-1,
 * which serves the Chime SDK (every region the worker may run in is a media region).
 */
export const MEDIA_REGIONS = [
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
] as const;

/** FHD video or UHD content allows at most this many attendees, and needs Attendee.MaxCount to say so. */
export const HIGH_RESOLUTION_MAX_ATTENDEES = 25;

const { attendeesPerMeeting } = LIMITS;
const optionalMembers = <T extends v.ObjectEntries>(entries: T) => v.optional(closedObject(entries));

/** The same rules as an ExternalUserId: 2 to 64 characters of the same set, no `aws:` prefix (the model says so). */
export const ExternalMeetingIdSchema = ExternalUserIdSchema;

export const ClientRequestTokenSchema = v.pipe(boundedString(2, 64), v.regex(/^[-_a-zA-Z0-9]*$/, 'may hold only letters, digits, - and _'));

const ArnSchema = v.pipe(boundedString(1, 1024), v.regex(/^arn[/:\-_.a-zA-Z0-9]+$/, 'must be an ARN: arn and letters, digits, /:-_.'));

const wholeCount = `must be a whole number from 1 to ${attendeesPerMeeting}`;
const tenantCount = 'must hold 1 to 5 tenant IDs';

export const MeetingFeaturesSchema = v.pipe(
  closedObject({
    Audio: optionalMembers({ EchoReduction: v.optional(oneOf(['AVAILABLE', 'UNAVAILABLE'])) }),
    Video: optionalMembers({ MaxResolution: v.optional(oneOf(['None', 'HD', 'FHD'])) }),
    Content: optionalMembers({ MaxResolution: v.optional(oneOf(['None', 'FHD', 'UHD'])) }),
    Attendee: optionalMembers({
      MaxCount: v.optional(
        v.pipe(
          v.custom<number>(
            (count) => typeof count === 'number' && Number.isInteger(count) && count >= 1 && count <= attendeesPerMeeting,
            wholeCount,
          ),
          // One rule, one issue; the OpenAPI document states it as JSON Schema would.
          v.metadata({ type: 'integer', minimum: 1, maximum: attendeesPerMeeting }),
        ),
      ),
    }),
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const { Video, Content, Attendee } = dataset.value;
    const high = Video?.MaxResolution === 'FHD' || Content?.MaxResolution === 'UHD';
    if (high && !((Attendee?.MaxCount ?? Infinity) <= HIGH_RESOLUTION_MAX_ATTENDEES)) {
      addIssue({
        message: `must be given, at most ${HIGH_RESOLUTION_MAX_ATTENDEES}, when Video.MaxResolution is FHD or Content.MaxResolution is UHD`,
        path: pathTo('Attendee', 'MaxCount'),
      });
    }
  }),
);

const TagSchema = closedObject({
  // The model's `+-=` is a range (`+` to `=`), which takes in `,-./`, the digits and `:;<`.
  Key: v.pipe(boundedString(1, 128), v.regex(/^[a-zA-Z+-=._:/]+$/, 'may hold only letters, digits and +,-./:;<=_')),
  Value: v.pipe(
    StringSchema,
    lengthWithin(0, 256, 'must be at most 256 characters'),
    v.metadata({ maxLength: 256 }),
    v.regex(/^[ \t\n\x0B\f\r\w+-=.:/@]*$/, 'may hold only letters, digits, spaces and +,-./:;<=@_'),
  ),
});

const TenantIdSchema = v.pipe(
  boundedString(2, 256),
  v.regex(/^(?!.*?(.)\1{3})[-_!@#$a-zA-Z0-9]*$/, 'may hold only letters, digits and -_!@#$, none four times in a row'),
);

/** CreateMeeting's own members, as Amazon Chime's model has them; ClientRequestToken and MediaRegion are optional here. */
const meetingEntries = {
  ClientRequestToken: v.optional(ClientRequestTokenSchema),
  ExternalMeetingId: ExternalMeetingIdSchema,
  MediaRegion: v.optional(oneOf(MEDIA_REGIONS)),
  MeetingHostId: v.optional(boundedString(2, 64)),
  MeetingFeatures: v.optional(MeetingFeaturesSchema),
  NotificationsConfiguration: optionalMembers({
    LambdaFunctionArn: v.optional(ArnSchema),
    SnsTopicArn: v.optional(ArnSchema),
    SqsQueueArn: v.optional(ArnSchema),
  }),
  PrimaryMeetingId: v.optional(MeetingIdSchema),
  TenantIds: v.optional(boundedList(TenantIdSchema, 1, 5, tenantCount)),
  Tags: v.optional(boundedList(TagSchema, 1, 50, 'must hold 1 to 50 tags')),
  MediaPlacementNetworkType: v.optional(oneOf(['Ipv4Only', 'DualStack'])),
};

/** How many attendees a meeting holds: its MeetingFeatures.Attendee.MaxCount when set, else 250. */
export function meetingCapacity(meeting: Pick<Meeting, 'MeetingFeatures'> | undefined): number {
  // Read defensively: a Meeting's features are passed on as Amazon Chime answers them.
  const maxCount: unknown = (meeting?.MeetingFeatures as { Attendee?: { MaxCount?: unknown } } | undefined)?.Attendee?.MaxCount;
  const valid = typeof maxCount === 'number' && Number.isInteger(maxCount) && maxCount >= 1;
  return valid ? Math.min(maxCount, attendeesPerMeeting) : attendeesPerMeeting;
}

/** The media a meeting's MaxResolution may turn off: an attendee may then neither send nor receive it. */
const SWITCHABLE_MEDIA: ReadonlyArray<'Video' | 'Content'> = ['Video', 'Content'];

/**
 * `POST /meetings`: CreateMeeting's body, and optionally the attendees to create in the new meeting, as the
 * create-attendees route takes them (current API only), up to the meeting's capacity.
 */
export function createMeetingRequestSchema({ api, maxAttendees = attendeesPerMeeting }: { api: ChimeApi; maxAttendees?: number }) {
  const { Attendees } = batchCreateAttendeeRequestSchema({ api, maxAttendees }).entries;
  return v.pipe(
    closedObject({ ...meetingEntries, Attendees: v.optional(Attendees) }),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed || !dataset.value.Attendees) return;
      const { Attendees: attendees, MeetingFeatures: features } = dataset.value;
      const capacity = meetingCapacity(dataset.value);
      if (attendees.length > capacity) {
        const message = `must hold at most ${capacity} attendees, the meeting's MeetingFeatures.Attendee.MaxCount`;
        addIssue({ message, path: pathTo('Attendees') });
      }
      for (const media of SWITCHABLE_MEDIA) {
        if (features?.[media]?.MaxResolution !== 'None') continue;
        attendees.forEach(({ Capabilities }, index) => {
          if (!Capabilities || Capabilities[media] === 'None') return;
          const message = `must be None: the meeting's MeetingFeatures.${media}.MaxResolution is None`;
          addIssue({ message, path: pathTo('Attendees', index, 'Capabilities', media) });
        });
      }
    }),
  );
}

export type CreateMeetingRequest = v.InferOutput<ReturnType<typeof createMeetingRequestSchema>>;
export type MeetingFeatures = v.InferOutput<typeof MeetingFeaturesSchema>;
