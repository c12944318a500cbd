import { meetingCapacity, type ListedAttendee, type Meeting } from '../../../shared/index.ts';
import { checkSlots, type SlotCheck } from '../meeting/slots.ts';
import { getMeeting, isMeetingNotFound, listAttendees, type ShownFailure, type WorkerTarget } from '../worker/client.ts';

/**
 * Before creating: is the meeting live, and do the new attendees fit in its free slots? Either
 * question may go unanswered (a token without `read`, an older worker, a network hiccup): that
 * must not stop the request, which will report any real trouble itself. No vscode import.
 */
export type MeetingCheck =
  | { kind: 'checked'; meeting: Meeting; slots: SlotCheck; listed: ListedAttendee[] }
  /** The worker answered NotFoundException for the meeting: ended, or never was. */
  | { kind: 'notFound'; failure: ShownFailure }
  /** Not known; `meeting` when only the listing failed. */
  | { kind: 'unchecked'; failure: ShownFailure; meeting?: Meeting | undefined }
  | { kind: 'cancelled' };

export async function checkMeeting(
  target: WorkerTarget,
  meetingId: string,
  requested: readonly string[],
  signal?: AbortSignal,
): Promise<MeetingCheck> {
  const [meeting, listing] = await Promise.all([getMeeting(target, meetingId, signal), listAttendees(target, meetingId, signal)]);
  if (!meeting.ok) {
    if (meeting.failure.kind === 'cancelled') return { kind: 'cancelled' };
    return { kind: isMeetingNotFound(meeting.failure) ? 'notFound' : 'unchecked', failure: meeting.failure };
  }
  if (!listing.ok) {
    if (listing.failure.kind === 'cancelled') return { kind: 'cancelled' };
    return { kind: 'unchecked', failure: listing.failure, meeting: meeting.value.Meeting };
  }
  const listed = listing.value.Attendees;
  return {
    kind: 'checked',
    meeting: meeting.value.Meeting,
    slots: checkSlots(listed, requested, meetingCapacity(meeting.value.Meeting)),
    listed,
  };
}
