import { meetingCapacity } from '../../../shared/index.ts';
import type { Deps } from '../deps.ts';
import { getMeeting, listAttendees } from '../worker/client.ts';
import { failureLine } from '../worker/logLines.ts';

/** Only a hint while asking: a slow worker leaves it out rather than holding the step up. */
const HINT_TIMEOUT_MS = 5000;

/**
 * How many of the meeting's slots are free (its capacity: MeetingFeatures.Attendee.MaxCount, else 250) as far
 * as this token sees (one limited to prefixes sees only its own attendees), or undefined when it cannot tell:
 * the check before creating has the last word.
 */
export async function freeSlots(deps: Pick<Deps, 'tokens' | 'settings' | 'log'>, meetingId: string): Promise<number | undefined> {
  const { workerUrl, timeoutSeconds } = deps.settings.current();
  const target = { baseUrl: workerUrl, token: await deps.tokens.get(), timeoutMs: Math.min(timeoutSeconds * 1000, HINT_TIMEOUT_MS) };
  const [meeting, listing] = await Promise.all([getMeeting(target, meetingId), listAttendees(target, meetingId)]);
  if (meeting.ok && listing.ok) return Math.max(0, meetingCapacity(meeting.value.Meeting) - listing.value.Attendees.length);
  const failed = meeting.ok ? listing : meeting;
  if (!failed.ok) deps.log.info(`meeting ${meetingId}: could not count its free slots, ${failureLine(failed.failure)}`);
  return undefined;
}
