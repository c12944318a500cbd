import { LIMITS, type ListedAttendee } from '../shared/index.ts';
import type { ChimeClient } from './chime/client.ts';
import { serviceFailure } from './errors.ts';
import type { Upstream } from './upstream.ts';

/**
 * A meeting holds at most 250 attendees: three pages of 100. Two more allow for short pages and an
 * empty last one, which AWS does not rule out; past that something is wrong, and looping on is not the answer.
 */
const MAX_PAGES = 5;

/**
 * Every attendee holding a slot in the meeting, without JoinTokens, page by page, each page retried.
 * A repeated AttendeeId (AWS documents no consistency between pages) is listed once.
 */
export async function listAttendees(client: ChimeClient, meetingId: string, upstream: Upstream): Promise<ListedAttendee[]> {
  const byId = new Map<string, ListedAttendee>();
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await upstream.call((call) => client.listAttendeesPage(meetingId, nextToken, call));
    for (const attendee of answer.Attendees) byId.set(attendee.AttendeeId, attendee);
    if (byId.size > LIMITS.attendeesPerMeeting) break;
    nextToken = answer.NextToken;
    if (!nextToken) return [...byId.values()];
  }
  throw serviceFailure(
    `Amazon Chime listed more than a meeting can hold: over ${LIMITS.attendeesPerMeeting} attendees or ${MAX_PAGES} pages`,
  );
}
