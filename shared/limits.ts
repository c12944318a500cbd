import type { ChimeApi } from './chimeApis.ts';

const jsonDepth = 16;

/** Amazon Chime's documented limits, and the worker's own, in one place for both sides. */
export const LIMITS = {
  /** BatchCreateAttendee takes at most this many attendees per AWS call. */
  attendeesPerCall: 100,
  /** A meeting holds at most this many attendees (not adjustable), so one worker request may carry as many. */
  attendeesPerMeeting: 250,
  externalUserIdLength: { min: 2, max: 64 },
  /** ListAttendees answers at most this many attendees per page (`max-results`). */
  attendeesPerListPage: 100,
  tagsPerAttendee: { min: 1, max: 10 },
  tagKeyLength: { min: 1, max: 128 },
  tagValueLength: { min: 1, max: 256 },
  /**
   * The largest valid body of every route fits with room to spare: POST /meetings with every field at its longest
   * and 250 attendees, each string in the characters JSON.stringify writes longest (control characters as 6-byte
   * escapes), is about 212 KB, 229 KB pretty-printed; POST attendees about 122 KB (138 KB). Reading, scanning and
   * parsing a body this size costs about a millisecond whatever it holds; a larger one is refused unread.
   */
  requestBodyBytes: 256 * 1024,
  /**
   * A request body nests at most this deep and holds at most this many JSON values (objects, lists, strings,
   * numbers, true, false, null), counted on its bytes before it is parsed: parsing costs grow with both, much
   * faster than with the size (a few thousand objects with a field name each of their own cost more than the
   * largest valid body). The deepest valid body nests 4 levels (`{"Attendees":[{"Capabilities":{…}}]}`); the
   * largest holds 1,678 values (POST /meetings with every field: 250 attendees of 6 values, 50 tags of 3, and 177 more).
   */
  jsonDepth,
  jsonValues: 4_000,
  /**
   * The legacy API's bounds, for its attendees' Tags: 250 attendees with 10 tags each of 384 characters of any
   * text hold 8,252 values and take about 3.2 MB pretty-printed in three-byte characters (about 5.9 MB if every
   * character were a control character, which JSON.stringify writes as a 6-byte escape).
   */
  legacy: { requestBodyBytes: 4 * 1024 * 1024, jsonDepth, jsonValues: 20_000 },
  /** A validation error lists at most this many issues; its message counts the rest. */
  issuesListed: 20,
  /** Caller's text that an answer or log line repeats (an unknown field's name, a caller's request ID) is cut to this length. */
  echoedTextLength: 64,
} as const;

export interface BodyBounds {
  requestBodyBytes: number;
  jsonDepth: number;
  jsonValues: number;
}

/** What a request body of the API may be at most: its size, depth and count of JSON values. */
export const bodyBounds = (api: ChimeApi): BodyBounds => (api === 'chime' ? LIMITS.legacy : LIMITS);
