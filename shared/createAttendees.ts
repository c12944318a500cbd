/** The contract of `POST /meetings/{MeetingId}/attendees`: BatchCreateAttendee's body, for up to a whole meeting at once. */
import * as v from 'valibot';
import type { ChimeApi } from './chimeApis.ts';
import { EXTERNAL_USER_ID_PATTERN, ExternalUserIdSchema, RESERVED_PREFIX } from './ids.ts';
import { LIMITS } from './limits.ts';
import { boundedList, boundedString, closedObject, noRepeats, oneOf, pathTo, withQuickPath } from './schemaParts.ts';

export const CAPABILITY_VALUES = ['SendReceive', 'Send', 'Receive', 'None'] as const;
export type CapabilityValue = (typeof CAPABILITY_VALUES)[number];

const CapabilityValueSchema = oneOf(CAPABILITY_VALUES);

const capabilityEntries = { Audio: CapabilityValueSchema, Video: CapabilityValueSchema, Content: CapabilityValueSchema };

/** Capabilities as Amazon Chime answers them (the request's rules are checked on the way in). */
export const AnsweredCapabilitiesSchema = v.object(capabilityEntries);

const receivesVideo = (value: string) => value === 'SendReceive' || value === 'Receive';

const videoRule = (c: { Video: string; Content: string }) => !receivesVideo(c.Content) || receivesVideo(c.Video);

export const CapabilitiesSchema = v.pipe(
  closedObject(capabilityEntries),
  v.rawCheck(({ dataset, addIssue }) => {
    if (dataset.typed && !videoRule(dataset.value)) {
      addIssue({ message: 'may be SendReceive or Receive only when Video is SendReceive or Receive', path: pathTo('Content') });
    }
  }),
);

export const TagSchema = closedObject({
  Key: boundedString(LIMITS.tagKeyLength.min, LIMITS.tagKeyLength.max),
  Value: boundedString(LIMITS.tagValueLength.min, LIMITS.tagValueLength.max),
});

const { min: minTags, max: maxTags } = LIMITS.tagsPerAttendee;
export const TagsSchema = boundedList(TagSchema, minTags, maxTags, `must hold ${minTags} to ${maxTags} tags`);

/** One attendee as a caller asks for it. Capabilities belong to the current API, Tags to the legacy one. */
export function attendeeRequestSchema(api: ChimeApi) {
  // Refused whenever given: a check that never passes, which the OpenAPI document states as JSON Schema's `not: {}`.
  const refused = (wanted: ChimeApi) =>
    v.optional(
      v.pipe(
        v.custom<never>(() => false, `is accepted only when the worker uses the ${wanted} API (it uses ${api})`),
        v.metadata({ not: {} }),
      ),
    );
  const current = api === 'chime-sdk-meetings';
  return closedObject({
    ExternalUserId: ExternalUserIdSchema,
    Capabilities: current ? v.optional(CapabilitiesSchema) : refused('chime-sdk-meetings'),
    Tags: current ? refused('chime') : v.optional(TagsSchema),
  });
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
    noRepeats(
      (attendee: AttendeeRequest) => attendee.ExternalUserId,
      (index, first) => `item ${index} repeats the ExternalUserId of item ${first} (each ExternalUserId may appear once)`,
    ),
  );
  const current = api === 'chime-sdk-meetings';
  return closedObject({ Attendees: withQuickPath(attendees, (input) => quickAttendees(input, maxAttendees, current)) });
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
