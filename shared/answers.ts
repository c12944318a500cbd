import * as v from 'valibot';
import { AnsweredCapabilitiesSchema } from './createAttendees.ts';
import { ERROR_STATUS, type ErrorName } from './errors.ts';
import { ListedAttendeeSchema } from './listing.ts';
import { MeetingSchema } from './meeting.ts';
import { TOKEN_OPERATIONS } from './token.ts';

/*
 * The worker's answers, as the OpenAPI document, the tests and the extension read them. The worker makes its
 * answers without parsing them, so its bundle leaves this module out (package.json declares no side effects).
 */

/** A created attendee, as the worker answers it. */
export const AttendeeSchema = v.object({
  AttendeeId: v.string(),
  ExternalUserId: v.string(),
  JoinToken: v.string(),
  Capabilities: v.optional(AnsweredCapabilitiesSchema),
});

export const AttendeeErrorSchema = v.object({
  ExternalUserId: v.string(),
  ErrorCode: v.string(),
  ErrorMessage: v.string(),
});

/** The worker's success answer: every requested ExternalUserId appears exactly once, here or in Errors. */
export const BatchCreateAttendeeResponseSchema = v.object({
  Attendees: v.array(AttendeeSchema),
  Errors: v.array(AttendeeErrorSchema),
});

/** `POST /meetings`: the meeting, and every requested attendee exactly once, created or with its error. */
export const CreateMeetingResponseSchema = v.object({
  Meeting: MeetingSchema,
  Attendees: v.array(AttendeeSchema),
  Errors: v.array(AttendeeErrorSchema),
});

/** `GET /meetings/{MeetingId}/attendees`: every attendee holding one of the meeting's slots. */
export const ListAttendeesResponseSchema = v.object({ Attendees: v.array(ListedAttendeeSchema) });

export const DeletedAttendeeSchema = v.object({ AttendeeId: v.string(), ExternalUserId: v.string() });

/** An attendee that was not deleted; ExternalUserId is absent when the AttendeeId is not in the meeting. */
export const DeleteAttendeeErrorSchema = v.object({
  AttendeeId: v.string(),
  ExternalUserId: v.optional(v.string()),
  ErrorCode: v.string(),
  ErrorMessage: v.string(),
});

/** Every attendee the request selected appears exactly once, in Deleted or in Errors. */
export const DeleteAttendeesResponseSchema = v.object({
  Deleted: v.array(DeletedAttendeeSchema),
  Errors: v.array(DeleteAttendeeErrorSchema),
});

export const ValidationIssueSchema = v.object({ Path: v.string(), Message: v.string() });

/** The worker's error answer; the name is also in the x-amzn-ErrorType header. */
export const ErrorBodySchema = v.object({
  Code: v.picklist(Object.keys(ERROR_STATUS) as ErrorName[]),
  Message: v.string(),
  RequestId: v.string(),
  /** The upstream's own error name, where it differs from Code, for diagnosis. */
  UpstreamCode: v.optional(v.string()),
  /** Each failing field and rule, for a validation error. */
  Issues: v.optional(v.array(ValidationIssueSchema)),
});

/**
 * `GET /token`: what the caller's own token may do, so a client can say so when the token is set. Its
 * name, operations and prefixes; never the token or its hash.
 */
export const TokenInfoSchema = v.object({
  Name: v.string(),
  Operations: v.array(v.picklist(TOKEN_OPERATIONS)),
  /** The ExternalUserIds (and ExternalMeetingIds) it may see and touch start with one of these; absent: any. */
  Prefixes: v.optional(v.array(v.string())),
});

export type Attendee = v.InferOutput<typeof AttendeeSchema>;
export type AttendeeError = v.InferOutput<typeof AttendeeErrorSchema>;
export type BatchCreateAttendeeResponse = v.InferOutput<typeof BatchCreateAttendeeResponseSchema>;
export type CreateMeetingResponse = v.InferOutput<typeof CreateMeetingResponseSchema>;
export type ListAttendeesResponse = v.InferOutput<typeof ListAttendeesResponseSchema>;
export type DeletedAttendee = v.InferOutput<typeof DeletedAttendeeSchema>;
export type DeleteAttendeeError = v.InferOutput<typeof DeleteAttendeeErrorSchema>;
export type DeleteAttendeesResponse = v.InferOutput<typeof DeleteAttendeesResponseSchema>;
export type ValidationIssue = v.InferOutput<typeof ValidationIssueSchema>;
export type ErrorBody = v.InferOutput<typeof ErrorBodySchema>;
export type TokenInfo = v.InferOutput<typeof TokenInfoSchema>;
