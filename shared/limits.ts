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
  /** Well above the largest valid request (250 attendees with 10 maximal tags each, about 2 MB of UTF-8). */
  requestBodyBytes: 4 * 1024 * 1024,
  /**
   * A request body nests at most this deep and holds at most this many JSON values (objects, lists, strings,
   * numbers, true, false, null), counted on its bytes before it is parsed: parsing costs grow with both, much
   * faster than with the size. The deepest valid body nests 5 levels (`{"Attendees":[{"Tags":[{"Key":…}]}]}`);
   * the largest holds 8,252 values (legacy API: the body and its list, then 250 attendees × (the attendee, its
   * ExternalUserId, its Tags list, 10 tags × 3)). A meeting created with its attendees adds a few dozen fields.
   */
  jsonDepth: 16,
  jsonValues: 20_000,
  /** A validation error lists at most this many issues; its message counts the rest. */
  issuesListed: 20,
  /** Caller's text that an answer or log line repeats (an unknown field's name, a caller's request ID) is cut to this length. */
  echoedTextLength: 64,
} as const;

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
