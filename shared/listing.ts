import * as v from 'valibot';
import { AnsweredCapabilitiesSchema } from './createAttendees.ts';

/**
 * An attendee in a listing: never its JoinToken. ListAttendees' model answers JoinTokens, and a JoinToken
 * lets anyone who holds it join as that attendee, so a listing must not hand them out; parsing with
 * this schema drops them (valibot's object keeps only the keys it names).
 */
export const ListedAttendeeSchema = v.object({
  AttendeeId: v.string(),
  ExternalUserId: v.string(),
  /** Current API only. */
  Capabilities: v.optional(AnsweredCapabilitiesSchema),
});

export type ListedAttendee = v.InferOutput<typeof ListedAttendeeSchema>;
