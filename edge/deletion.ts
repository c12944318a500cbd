import type { DeleteAttendeesRequest, DeleteAttendeesResponse, ListedAttendee } from '../shared/index.ts';
import type { ChimeClient } from './chime/client.ts';
import { MAX_CONCURRENT_CALLS, mapConcurrently } from './concurrency.ts';
import { ApiError, errorFields, isNotFound } from './errors.ts';
import type { Attempt } from './retry.ts';
import { throwIfAllFailed, type Settled, type Upstream } from './upstream.ts';

/** What a delete request selects from the meeting's listing. */
export interface DeletionSelection {
  /** Attendees the meeting holds, to delete. */
  targets: ListedAttendee[];
  /** Requested AttendeeIds the meeting does not hold. */
  missing: string[];
}

export function selectForDeletion(listed: readonly ListedAttendee[], request: DeleteAttendeesRequest): DeletionSelection {
  const prefix = request.ExternalUserIdPrefix;
  if (prefix !== undefined) return { targets: listed.filter((a) => a.ExternalUserId.startsWith(prefix)), missing: [] };
  // GUIDs are compared without regard to case; the listed spelling is the one sent on.
  const byId = new Map(listed.map((a) => [a.AttendeeId.toLowerCase(), a]));
  const selection: DeletionSelection = { targets: [], missing: [] };
  for (const id of request.AttendeeIds ?? []) {
    const attendee = byId.get(id.toLowerCase());
    if (attendee) selection.targets.push(attendee);
    else selection.missing.push(id);
  }
  return selection;
}

/** One DeleteAttendee, to be retried. */
export function deleteIdempotently(client: ChimeClient, meetingId: string, attendeeId: string): (call: Attempt) => Promise<void> {
  return goneCountsAsDone((call) => client.deleteAttendee(meetingId, attendeeId, call));
}

/**
 * A delete to be retried. A retry that finds the thing gone means an earlier attempt deleted it and its
 * answer was lost (a dropped connection, a 5xx after the work): that is success.
 */
export function goneCountsAsDone(remove: (call: Attempt) => Promise<void>): (call: Attempt) => Promise<void> {
  let attempts = 0;
  return async (call) => {
    attempts++;
    try {
      await remove(call);
    } catch (error) {
      if (attempts > 1 && isNotFound(error)) return;
      throw error;
    }
  };
}

/**
 * Deletes the selected attendees, at most six calls at once, each retried. Every selected attendee
 * comes back exactly once, deleted or with its error; when none could be deleted, the first failure
 * is thrown instead.
 */
export async function deleteAttendees(
  client: ChimeClient,
  meetingId: string,
  { targets, missing }: DeletionSelection,
  upstream: Upstream,
): Promise<DeleteAttendeesResponse> {
  const deletions = await mapConcurrently(targets, MAX_CONCURRENT_CALLS, ({ AttendeeId }) =>
    upstream.settle(deleteIdempotently(client, meetingId, AttendeeId)),
  );
  // Made here, not as the module loads: an Error made then costs every fresh isolate a second parse of the script, for its stack.
  const notInMeeting = new ApiError('NotFoundException', 'The meeting holds no attendee with this AttendeeId');
  const outcomes: Settled<void>[] = [...deletions, ...missing.map(() => ({ ok: false as const, error: notInMeeting }))];
  throwIfAllFailed(outcomes);
  const answer: DeleteAttendeesResponse = { Deleted: [], Errors: [] };
  targets.forEach(({ AttendeeId, ExternalUserId }, index) => {
    const outcome = deletions[index]!;
    if (outcome.ok) answer.Deleted.push({ AttendeeId, ExternalUserId });
    else answer.Errors.push({ AttendeeId, ExternalUserId, ...errorFields(outcome.error) });
  });
  for (const AttendeeId of missing) answer.Errors.push({ AttendeeId, ...errorFields(notInMeeting) });
  return answer;
}
