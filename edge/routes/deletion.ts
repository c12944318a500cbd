import { Hono } from 'hono/tiny';
import { DeleteAttendeesRequestSchema } from '../../shared/index.ts';
import { authorize } from '../auth/authorize.ts';
import { requireInScope } from '../auth/scope.ts';
import type { AppEnv } from '../context.ts';
import { deleteAttendees, deleteIdempotently, selectForDeletion } from '../deletion.ts';
import { listAttendees } from '../listing.ts';
import { jsonBody } from '../middleware/json-body.ts';
import { withUpstream } from '../middleware/upstream.ts';
import { jsonOf, meetingAndAttendeeParams, meetingParam } from './validators.ts';

/**
 * Deleting attendees frees their slots: an attendee holds one of the meeting's 250 until it is
 * deleted, even after it has left.
 */
export const deletionRoutes = new Hono<AppEnv>()
  .delete('/meetings/:meetingId/attendees/:attendeeId', authorize('delete'), meetingAndAttendeeParams, withUpstream, async (c) => {
    const { meetingId, attendeeId } = c.req.valid('param');
    const { client } = c.get('services');
    const token = c.get('token');
    const upstream = c.get('upstream');
    if (token.prefixes) {
      // Only the attendee itself says whether its ExternalUserId is the token's to delete.
      const attendee = await upstream.call((call) => client.getAttendee(meetingId, attendeeId, call));
      requireInScope(token, 'delete', [attendee.ExternalUserId], () => "the attendee's ExternalUserId");
    }
    await upstream.call(deleteIdempotently(client, meetingId, attendeeId));
    c.get('log').deleted = 1;
    return c.body(null, 204);
  })
  .post(
    '/meetings/:meetingId/attendees/delete',
    authorize('delete'),
    jsonBody,
    meetingParam,
    jsonOf(DeleteAttendeesRequestSchema),
    withUpstream,
    async (c) => {
      const { meetingId } = c.req.valid('param');
      const request = c.req.valid('json');
      const { client } = c.get('services');
      const token = c.get('token');
      const upstream = c.get('upstream');
      // A prefix inside the token's prefixes selects only ExternalUserIds inside them: checked before any call.
      if (request.ExternalUserIdPrefix !== undefined)
        requireInScope(token, 'delete', [request.ExternalUserIdPrefix], () => 'ExternalUserIdPrefix');
      const selection = selectForDeletion(await listAttendees(client, meetingId, upstream), request);
      const { targets } = selection;
      requireInScope(
        token,
        'delete',
        targets.map((a) => a.ExternalUserId),
        (index) => `the ExternalUserId of attendee ${targets[index]!.AttendeeId}`,
      );
      c.get('log').requested = targets.length + selection.missing.length;
      const answer = await deleteAttendees(client, meetingId, selection, upstream);
      Object.assign(c.get('log'), { deleted: answer.Deleted.length, failed: answer.Errors.length });
      return c.json(answer, 200);
    },
  );
