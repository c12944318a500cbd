import type { CreateMeetingRequest, CreateMeetingResponse } from '../shared/index.ts';
import { createAttendees } from './batch.ts';
import type { ChimeClient, UpstreamCreateMeeting } from './chime/client.ts';
import type { Upstream } from './upstream.ts';

/**
 * Makes a meeting, then its attendees the way the attendees route does. A caller's ClientRequestToken is
 * passed on, so their own retries stay idempotent; without one, the token made here serves every retry of
 * this request's CreateMeeting, so a retry never makes a second meeting. When the meeting cannot be made,
 * that error is thrown and nothing else is tried; once it is made, the answer holds it and every requested
 * attendee exactly once, whatever failed afterwards (the meeting may even end meanwhile).
 */
export async function createMeeting(
  client: ChimeClient,
  { Attendees: attendees = [], ...fields }: CreateMeetingRequest,
  defaultRegion: string,
  upstream: Upstream,
): Promise<CreateMeetingResponse> {
  const meeting: UpstreamCreateMeeting = {
    ...fields,
    ClientRequestToken: fields.ClientRequestToken ?? crypto.randomUUID(),
    MediaRegion: fields.MediaRegion ?? defaultRegion,
  };
  const Meeting = await upstream.call((call) => client.createMeeting(meeting, call));
  // No attendees asked for: no call is made, and the answer's lists are empty.
  return { Meeting, ...(await createAttendees(client, Meeting.MeetingId, attendees, upstream, { reportAllFailed: true })) };
}
