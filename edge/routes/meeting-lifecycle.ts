import { Hono } from 'hono/tiny';
import { createMiddleware } from 'hono/factory';
import { authorize } from '../auth/authorize.ts';
import { requireAttendeesInScope, requireMeetingInScope, requireOperation } from '../auth/scope.ts';
import type { AppEnv } from '../context.ts';
import { goneCountsAsDone } from '../deletion.ts';
import { badRequest } from '../errors.ts';
import { createMeeting } from '../meetings.ts';
import { jsonBody } from '../middleware/json-body.ts';
import { withUpstream } from '../middleware/upstream.ts';
import { jsonOf, meetingParam } from './validators.ts';

/** AWS removed the legacy API's meeting operations in February 2025: meetings are made through the current one. */
const currentApiOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (c.get('services').config.api !== 'chime-sdk-meetings') {
    throw badRequest('Creating meetings needs CHIME_API=chime-sdk-meetings (the worker uses the legacy API)');
  }
  await next();
});

const createMeetingBody = jsonOf((c) => c.get('services').createMeetingSchema);

/**
 * A test meeting from start to end: make it, with its attendees in the same call, and end it, which frees
 * every slot at once (deleting 250 attendees one by one takes about 25 s at Amazon Chime's rate).
 */
export const meetingLifecycleRoutes = new Hono<AppEnv>()
  .post('/meetings', authorize('meetings'), currentApiOnly, jsonBody, createMeetingBody, withUpstream, async (c) => {
    const request = c.req.valid('json');
    const { client, config } = c.get('services');
    const token = c.get('token');
    const attendees = request.Attendees ?? [];
    c.get('log').requested = attendees.length;
    // Every refusal comes before the meeting is made: nothing is half done.
    if (attendees.length > 0) requireOperation(token, 'create');
    requireMeetingInScope(token, 'create', request.ExternalMeetingId, 'ExternalMeetingId');
    requireAttendeesInScope(token, attendees);
    const answer = await createMeeting(client, request, config.region, c.get('upstream'));
    Object.assign(c.get('log'), { meetingId: answer.Meeting.MeetingId, created: answer.Attendees.length, failed: answer.Errors.length });
    return c.json(answer, 200);
  })
  .delete('/meetings/:meetingId', authorize('meetings'), meetingParam, withUpstream, async (c) => {
    const { meetingId } = c.req.valid('param');
    const { client } = c.get('services');
    const token = c.get('token');
    if (token.prefixes) {
      // Only the meeting itself says whether its ExternalMeetingId is the token's to end.
      const meeting = await c.get('upstream').call((call) => client.getMeeting(meetingId, call));
      requireMeetingInScope(token, 'end', meeting.ExternalMeetingId, "the meeting's ExternalMeetingId");
    }
    await c.get('upstream').call(goneCountsAsDone((call) => client.deleteMeeting(meetingId, call)));
    return c.body(null, 204);
  });
