import type { Attendee } from '../../../shared/index.ts';

/*
 * Copied JSON uses the service's own response shapes, which amazon-chime-sdk-js takes as they are:
 * one attendee as CreateAttendee's `{ Attendee: {...} }` (MeetingSessionConfiguration's second
 * argument, as in the SDK's demo), all of them as BatchCreateAttendee's `{ Attendees: [...] }`.
 * Only the fields the SDK reads are copied.
 */

export const forSdk = ({ AttendeeId, ExternalUserId, JoinToken }: Attendee) => ({ AttendeeId, ExternalUserId, JoinToken });

export const attendeeJson = (attendee: Attendee) => JSON.stringify({ Attendee: forSdk(attendee) }, null, 2);

export const allAttendeesJson = (attendees: readonly Attendee[]) => JSON.stringify({ Attendees: attendees.map(forSdk) }, null, 2);
