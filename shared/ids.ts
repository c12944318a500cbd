/** The identifiers the worker takes: meetings, attendees and ExternalUserIds, their patterns and schemas. */
import * as v from 'valibot';
import { LIMITS } from './limits.ts';
import { StringSchema, boundedString } from './schemaParts.ts';

export const MEETING_ID_PATTERN = /^[a-fA-F0-9]{8}(?:-[a-fA-F0-9]{4}){3}-[a-fA-F0-9]{12}$/;
/** The service models AttendeeId with the same GUID pattern as MeetingId. */
export const ATTENDEE_ID_PATTERN = MEETING_ID_PATTERN;

/**
 * The service's documented ExternalUserId pattern. `\s` there is Java's, ASCII whitespace only,
 * so it is spelled out rather than left to JavaScript's wider `\s`.
 */
export const EXTERNAL_USER_ID_PATTERN = /^[-_&@+=,(){}[\]/«».:|'"#a-zA-Z0-9À-ÿ \t\n\x0B\f\r]*$/;

/** ExternalUserIds starting with this prefix, in any case, are reserved by AWS. */
export const RESERVED_PREFIX = 'aws:';

/** An ID in the service's GUID shape; `what` names what it identifies, with its article ("a meeting"). */
const guidSchema = (pattern: RegExp, what: string) =>
  v.pipe(StringSchema, v.regex(pattern, `must be ${what} ID (a GUID such as 0a1b2c3d-4e5f-6789-abcd-ef0123456789)`));

export const MeetingIdSchema = guidSchema(MEETING_ID_PATTERN, 'a meeting');

/** An AttendeeId has the same GUID shape as a MeetingId. */
export const AttendeeIdSchema = guidSchema(ATTENDEE_ID_PATTERN, 'an attendee');

const externalUserIdCharacters = v.regex(EXTERNAL_USER_ID_PATTERN, 'may hold only letters, digits, spaces and -_&@+=,(){}[]/«».:|\'"#');
const notReserved = v.rawCheck<string>(({ dataset, addIssue }) => {
  if (dataset.typed && dataset.value.toLowerCase().startsWith(RESERVED_PREFIX)) {
    addIssue({ message: `must not start with "${RESERVED_PREFIX}" (reserved by AWS)` });
  }
});

export const ExternalUserIdSchema = v.pipe(
  boundedString(LIMITS.externalUserIdLength.min, LIMITS.externalUserIdLength.max),
  externalUserIdCharacters,
  notReserved,
);

/** The start of ExternalUserIds: a prefix that no valid ExternalUserId could start with is refused. */
export const ExternalUserIdPrefixSchema = v.pipe(boundedString(1, LIMITS.externalUserIdLength.max), externalUserIdCharacters, notReserved);
