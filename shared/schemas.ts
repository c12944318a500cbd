import * as v from 'valibot';
import { CAPABILITY_VALUES, type ChimeApi } from './api.ts';
import { ATTENDEE_ID_PATTERN, EXTERNAL_USER_ID_PATTERN, LIMITS, MEETING_ID_PATTERN, RESERVED_PREFIX } from './limits.ts';

/**
 * Messages name the rule, never the value: ExternalUserIds and tags are sensitive and must not be
 * echoed back in errors or logs. Keys that are missing or unknown get their own wording.
 */
export const objectMessage = (issue: v.BaseIssue<unknown>) =>
  issue.expected === 'never' ? 'is not a known field' : issue.path ? 'is required' : 'must be an object';

/** A path for an issue raised above the field it is about; only the keys are read (issuePath). */
export function pathTo(...keys: Array<string | number>): [v.IssuePathItem, ...v.IssuePathItem[]] {
  const items = keys.map((key): v.IssuePathItem => ({ type: 'unknown', origin: 'value', input: undefined, key, value: undefined }));
  return items as [v.IssuePathItem, ...v.IssuePathItem[]];
}

export const boundedString = (min: number, max: number) =>
  v.pipe(
    v.string('must be a string'),
    v.minLength(min, `must be ${min} to ${max} characters`),
    v.maxLength(max, `must be ${min} to ${max} characters`),
  );

export const MeetingIdSchema = v.pipe(
  v.string('must be a string'),
  v.regex(MEETING_ID_PATTERN, 'must be a meeting ID (a GUID such as 0a1b2c3d-4e5f-6789-abcd-ef0123456789)'),
);

/** An AttendeeId has the same GUID shape as a MeetingId. */
export const AttendeeIdSchema = v.pipe(
  v.string('must be a string'),
  v.regex(ATTENDEE_ID_PATTERN, 'must be an attendee ID (a GUID such as 0a1b2c3d-4e5f-6789-abcd-ef0123456789)'),
);

/**
 * A list of `min` to `max` items whose length is checked before any item is: a list of a million items
 * costs one comparison and one issue, not a million checks and issues. The length rules are stated again
 * after the items because JSON Schema reads them from there; they cannot fail by then.
 */
export const boundedList = <S extends v.GenericSchema>(item: S, min: number, max: number, rule: string) =>
  v.pipe(
    v.unknown(),
    v.check((input) => !Array.isArray(input) || (input.length >= min && input.length <= max), rule),
    v.array(item, 'must be a list'),
    v.minLength(min, rule),
    v.maxLength(max, rule),
  );

const externalUserIdCharacters = v.regex(EXTERNAL_USER_ID_PATTERN, "may hold only letters, digits, spaces and -_&@+=,(){}[]/«».:|'\"#");
const notReserved = v.check((id: string) => !id.toLowerCase().startsWith(RESERVED_PREFIX), `must not start with "${RESERVED_PREFIX}" (reserved by AWS)`);

export const ExternalUserIdSchema = v.pipe(
  boundedString(LIMITS.externalUserIdLength.min, LIMITS.externalUserIdLength.max),
  externalUserIdCharacters,
  notReserved,
);

/** The start of ExternalUserIds: a prefix that no valid ExternalUserId could start with is refused. */
export const ExternalUserIdPrefixSchema = v.pipe(
  boundedString(1, LIMITS.externalUserIdLength.max),
  externalUserIdCharacters,
  notReserved,
);

const CapabilityValueSchema = v.picklist(CAPABILITY_VALUES, `must be one of ${CAPABILITY_VALUES.join(', ')}`);

/** Capabilities as Amazon Chime answers them (the request's rules are checked on the way in). */
export const AnsweredCapabilitiesSchema = v.object({ Audio: CapabilityValueSchema, Video: CapabilityValueSchema, Content: CapabilityValueSchema });

const receivesVideo = (value: string) => value === 'SendReceive' || value === 'Receive';

const videoRule = (c: { Video: string; Content: string }) => !receivesVideo(c.Content) || receivesVideo(c.Video);

export const CapabilitiesSchema = v.pipe(
  v.strictObject({ Audio: CapabilityValueSchema, Video: CapabilityValueSchema, Content: CapabilityValueSchema }, objectMessage),
  v.rawCheck(({ dataset, addIssue }) => {
    if (dataset.typed && !videoRule(dataset.value)) {
      addIssue({ message: 'may be SendReceive or Receive only when Video is SendReceive or Receive', path: pathTo('Content') });
    }
  }),
);

export const TagSchema = v.strictObject(
  {
    Key: boundedString(LIMITS.tagKeyLength.min, LIMITS.tagKeyLength.max),
    Value: boundedString(LIMITS.tagValueLength.min, LIMITS.tagValueLength.max),
  },
  objectMessage,
);

const { min: minTags, max: maxTags } = LIMITS.tagsPerAttendee;
export const TagsSchema = boundedList(TagSchema, minTags, maxTags, `must hold ${minTags} to ${maxTags} tags`);

/** One attendee as a caller asks for it. Capabilities belong to the current API, Tags to the legacy one. */
export function attendeeRequestSchema(api: ChimeApi) {
  const refused = (wanted: ChimeApi) => v.optional(v.never(`is accepted only when the worker uses the ${wanted} API (it uses ${api})`));
  const current = api === 'chime-sdk-meetings';
  return v.strictObject(
    {
      ExternalUserId: ExternalUserIdSchema,
      Capabilities: current ? v.optional(CapabilitiesSchema) : refused('chime-sdk-meetings'),
      Tags: current ? refused('chime') : v.optional(TagsSchema),
    },
    objectMessage,
  );
}

export interface RequestSchemaOptions {
  api: ChimeApi;
  /** At most this many attendees per request; the meeting's own limit by default. */
  maxAttendees?: number;
}

/** The worker's request body: BatchCreateAttendee's, for up to a whole meeting at once. */
export function batchCreateAttendeeRequestSchema({ api, maxAttendees = LIMITS.attendeesPerMeeting }: RequestSchemaOptions) {
  return v.strictObject(
    {
      Attendees: v.pipe(
        boundedList(attendeeRequestSchema(api), 1, maxAttendees, `must hold 1 to ${maxAttendees} attendees`),
        v.rawCheck(({ dataset, addIssue }) => {
          if (!dataset.typed) return;
          for (const [index, first] of duplicateIndexes(dataset.value.map((a) => a.ExternalUserId))) {
            addIssue({ message: `item ${index} repeats the ExternalUserId of item ${first} (each ExternalUserId may appear once)` });
          }
        }),
      ),
    },
    objectMessage,
  );
}

/** Pairs of [index, index of its first occurrence] for every repeated value. */
export function duplicateIndexes(values: readonly string[]): Array<[number, number]> {
  if (new Set(values).size === values.length) return []; // the common case, without building an index
  const seen = new Map<string, number>();
  const repeats: Array<[number, number]> = [];
  values.forEach((value, index) => {
    const first = seen.get(value);
    if (first === undefined) seen.set(value, index);
    else repeats.push([index, first]);
  });
  return repeats;
}

export type AttendeeRequest = v.InferOutput<ReturnType<typeof attendeeRequestSchema>>;
export type BatchCreateAttendeeRequest = v.InferOutput<ReturnType<typeof batchCreateAttendeeRequestSchema>>;
export type Capabilities = v.InferOutput<typeof CapabilitiesSchema>;
export type Tag = v.InferOutput<typeof TagSchema>;
