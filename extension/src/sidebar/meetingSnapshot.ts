import { meetingCapacity, type ListedAttendee, type Meeting } from '../../../shared/index.ts';
import { getMeeting, isMeetingNotFound, listAttendees, type WorkerFailure, type WorkerTarget } from '../worker/client.ts';
import { failureDetail } from '../worker/failureText.ts';

/*
 * What the Meetings tree knows of one meeting, as last read: two calls (GetMeeting and ListAttendees),
 * made when the meeting is remembered or the person refreshes, never on a timer.
 */

export type Snapshot =
  | { state: 'live'; meeting: Meeting; attendees: ListedAttendee[] | { problem: string } }
  | { state: 'ended' }
  /** The worker could not say (unreachable, a token that may not read…). */
  | { state: 'unknown'; problem: string; failure: WorkerFailure };

export async function readSnapshot(target: WorkerTarget, meetingId: string, signal?: AbortSignal): Promise<Snapshot> {
  const [meeting, listing] = await Promise.all([getMeeting(target, meetingId, signal), listAttendees(target, meetingId, signal)]);
  if (!meeting.ok) {
    return isMeetingNotFound(meeting.failure)
      ? { state: 'ended' }
      : { state: 'unknown', problem: failureDetail(meeting.failure), failure: meeting.failure };
  }
  const attendees = listing.ok ? listing.value.Attendees : { problem: failureDetail(listing.failure) };
  return { state: 'live', meeting: meeting.value.Meeting, attendees };
}

/** Slots used and the meeting's capacity (its MeetingFeatures.Attendee.MaxCount, else 250), when the attendees were listed. */
export function slotsOf(snapshot: Snapshot | undefined): { used: number; capacity: number } | undefined {
  if (snapshot?.state !== 'live' || 'problem' in snapshot.attendees) return undefined;
  return { used: snapshot.attendees.length, capacity: meetingCapacity(snapshot.meeting) };
}

/** The attendees the snapshot listed, or none. */
export const listedAttendees = (snapshot: Snapshot | undefined): ListedAttendee[] =>
  snapshot?.state === 'live' && !('problem' in snapshot.attendees) ? snapshot.attendees : [];
