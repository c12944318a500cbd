import * as v from 'valibot';
import { CAPABILITY_VALUES, type ChimeApi } from './chimeApis.ts';
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

/**
 * `schema` with a quick parse in front, for the input nearly every request holds: what `quick` parses costs
 * one pass, with no issue objects or copies along the way; whatever it cannot parse (it answers undefined)
 * runs the schema, which alone finds and words the issues. `quick` must parse nothing the schema refuses, and
 * give the schema's own output for what it parses (the contract tests hold it to both). Types and the OpenAPI
 * document come from the schema, as before.
 */
export function withQuickPath<S extends v.GenericSchema>(schema: S, quick: (input: unknown) => v.InferOutput<S> | undefined): S {
  return {
    ...schema,
    '~run'(dataset, config) {
      const output = quick(dataset.value);
      if (output === undefined) return schema['~run'](dataset, config);
      return { typed: true, value: output };
    },
  };
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

const externalUserIdCharacters = v.regex(EXTERNAL_USER_ID_PATTERN, 'may hold only letters, digits, spaces and -_&@+=,(){}[]/«».:|\'"#');
const notReserved = v.check(
  (id: string) => !id.toLowerCase().startsWith(RESERVED_PREFIX),
  `must not start with "${RESERVED_PREFIX}" (reserved by AWS)`,
);

export const ExternalUserIdSchema = v.pipe(
  boundedString(LIMITS.externalUserIdLength.min, LIMITS.externalUserIdLength.max),
  externalUserIdCharacters,
  notReserved,
);

/** The start of ExternalUserIds: a prefix that no valid ExternalUserId could start with is refused. */
export const ExternalUserIdPrefixSchema = v.pipe(boundedString(1, LIMITS.externalUserIdLength.max), externalUserIdCharacters, notReserved);

const CapabilityValueSchema = v.picklist(CAPABILITY_VALUES, `must be one of ${CAPABILITY_VALUES.join(', ')}`);

/** Capabilities as Amazon Chime answers them (the request's rules are checked on the way in). */
export const AnsweredCapabilitiesSchema = v.object({
  Audio: CapabilityValueSchema,
  Video: CapabilityValueSchema,
  Content: CapabilityValueSchema,
});

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
  const attendees = v.pipe(
    boundedList(attendeeRequestSchema(api), 1, maxAttendees, `must hold 1 to ${maxAttendees} attendees`),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      for (const [index, first] of duplicateIndexes(dataset.value.map((a) => a.ExternalUserId))) {
        addIssue({ message: `item ${index} repeats the ExternalUserId of item ${first} (each ExternalUserId may appear once)` });
      }
    }),
  );
  const current = api === 'chime-sdk-meetings';
  return v.strictObject({ Attendees: withQuickPath(attendees, (input) => quickAttendees(input, maxAttendees, current)) }, objectMessage);
}

/** Pairs of [index, index of its first occurrence] for every repeated value, in one pass. */
export function duplicateIndexes(values: readonly string[]): Array<[number, number]> {
  const seen = new Map<string, number>();
  const repeats: Array<[number, number]> = [];
  values.forEach((value, index) => {
    const first = seen.get(value);
    if (first === undefined) seen.set(value, index);
    else repeats.push([index, first]);
  });
  return repeats;
}

const { min: minIdLength, max: maxIdLength } = LIMITS.externalUserIdLength;
const anyCase = (text: string) => text.replace(/[a-z]/g, (letter) => `[${letter}${letter.toUpperCase()}]`);
/**
 * Every rule of an ExternalUserId in one pattern, for the quick path: not the reserved prefix in any case, then
 * 2 to 64 characters of the set (each a single UTF-16 unit, so their count is the length valibot checks).
 */
const EXTERNAL_USER_ID_RULES = new RegExp(
  `^(?!${anyCase(RESERVED_PREFIX)})${EXTERNAL_USER_ID_PATTERN.source.slice(1, -2)}{${minIdLength},${maxIdLength}}$`,
);
const isCapabilityValue = (value: unknown): value is (typeof CAPABILITY_VALUES)[number] => CAPABILITY_VALUES.includes(value as never);

/** The quick path's Capabilities: three known values under their three names, and the Video rule. */
function quickCapabilities(input: unknown): Capabilities | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const { Audio, Video, Content } = input as Record<string, unknown>;
  for (const key in input) if (key !== 'Audio' && key !== 'Video' && key !== 'Content') return undefined;
  if (!isCapabilityValue(Audio) || !isCapabilityValue(Video) || !isCapabilityValue(Content)) return undefined;
  return videoRule({ Video, Content }) ? { Audio, Video, Content } : undefined;
}

/** The quick path's attendee: a valid ExternalUserId, and valid Capabilities when the current API takes them; no Tags. */
function quickAttendee(input: unknown, current: boolean): AttendeeRequest | undefined {
  if (typeof input !== 'object' || input === null || 'Tags' in input) return undefined;
  const { ExternalUserId, Capabilities } = input as Record<string, unknown>;
  if (typeof ExternalUserId !== 'string' || !EXTERNAL_USER_ID_RULES.test(ExternalUserId)) return undefined;
  for (const key in input) if (key !== 'ExternalUserId' && key !== 'Capabilities') return undefined;
  if (!('Capabilities' in input)) return { ExternalUserId };
  const capabilities = current ? quickCapabilities(Capabilities) : undefined;
  return capabilities && { ExternalUserId, Capabilities: capabilities };
}

/** The quick path's Attendees: 1 to `max` quick attendees with distinct ExternalUserIds, checked as they are read. */
function quickAttendees(input: unknown, max: number, current: boolean): AttendeeRequest[] | undefined {
  if (!Array.isArray(input) || input.length < 1 || input.length > max) return undefined;
  const output: AttendeeRequest[] = [];
  const ids = new Set<string>();
  for (let index = 0; index < input.length; index++) {
    const attendee = quickAttendee(input[index], current);
    if (!attendee || ids.has(attendee.ExternalUserId)) return undefined;
    ids.add(attendee.ExternalUserId);
    output.push(attendee);
  }
  return output;
}

export type AttendeeRequest = v.InferOutput<ReturnType<typeof attendeeRequestSchema>>;
export type BatchCreateAttendeeRequest = v.InferOutput<ReturnType<typeof batchCreateAttendeeRequestSchema>>;
export type Capabilities = v.InferOutput<typeof CapabilitiesSchema>;
export type Tag = v.InferOutput<typeof TagSchema>;
