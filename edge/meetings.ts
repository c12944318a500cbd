import type { CreateMeetingRequest, CreateMeetingResponse } from '../shared/index.ts';
import { createAttendees } from './batch.ts';
import type { ChimeClient, UpstreamCreateMeeting } from './chime/client.ts';
import type { RetryPolicy } from './retry.ts';
import { callUpstream, type UpstreamStats } from './upstream.ts';

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
  policy: RetryPolicy,
  stats: UpstreamStats,
): Promise<CreateMeetingResponse> {
  const meeting: UpstreamCreateMeeting = {
    ...fields,
    ClientRequestToken: fields.ClientRequestToken ?? crypto.randomUUID(),
    MediaRegion: fields.MediaRegion ?? defaultRegion,
  };
  const Meeting = await callUpstream((call) => client.createMeeting(meeting, call), policy, stats);
  if (attendees.length === 0) return { Meeting, Attendees: [], Errors: [] };
  const { Attendees, Errors } = await createAttendees(client, Meeting.MeetingId, attendees, policy, stats, { reportAllFailed: true });
  return { Meeting, Attendees, Errors };
}
