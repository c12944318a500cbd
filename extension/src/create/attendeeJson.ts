import type { Attendee } from '../../../shared/index.ts';

/*
 * Copied JSON uses the service's own response shapes, as they are: one attendee as CreateAttendee's
 * `{ Attendee: {...} }` (MeetingSessionConfiguration's second argument, as in the SDK's demo), all of
 * them as BatchCreateAttendee's `{ Attendees: [...] }`, each with its Capabilities when the service
 * answered them. Join info (meeting/joinInfo.ts) keeps only what the SDK reads.
 */

export const attendeeJson = (attendee: Attendee) => JSON.stringify({ Attendee: attendee }, null, 2);

export const allAttendeesJson = (attendees: readonly Attendee[]) => JSON.stringify({ Attendees: attendees }, null, 2);
