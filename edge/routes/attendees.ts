import { Hono } from 'hono/tiny';
import { createMiddleware } from 'hono/factory';
import { authorize } from '../auth/authorize.ts';
import { inScope, requireAttendeesInScope } from '../auth/scope.ts';
import { createAttendees } from '../batch.ts';
import type { AppEnv } from '../context.ts';
import { listAttendees } from '../listing.ts';
import { jsonBody } from '../middleware/json-body.ts';
import { withUpstream } from '../middleware/upstream.ts';
import { invalidRequest, jsonOf, meetingParam } from './validators.ts';

/** AWS's own path carries `?operation=batch-create`; it is optional here, anything else is refused. */
const operationQuery = createMiddleware<AppEnv>(async (c, next) => {
  const operation = c.req.queries('operation');
  if (operation && (operation.length > 1 || operation[0] !== 'batch-create')) {
    throw invalidRequest([{ Path: 'operation', Message: 'must be batch-create when given' }]);
  }
  await next();
});

/** The body's schema depends on the configured API and attendee limit. */
const attendeesBody = jsonOf((c) => c.get('services').requestSchema);

/** The meeting's attendee collection: create into it, list it. */
export const attendeesRoutes = new Hono<AppEnv>()
  .post(
    '/meetings/:meetingId/attendees',
    authorize('create'),
    jsonBody,
    meetingParam,
    operationQuery,
    attendeesBody,
    withUpstream,
    async (c) => {
      const { meetingId } = c.req.valid('param');
      const { Attendees } = c.req.valid('json');
      const { client } = c.get('services');
      c.get('log').requested = Attendees.length;
      requireAttendeesInScope(c.get('token'), Attendees);
      const answer = await createAttendees(client, meetingId, Attendees, c.get('upstream'));
      Object.assign(c.get('log'), { created: answer.Attendees.length, failed: answer.Errors.length });
      return c.json(answer, 200);
    },
  )
  // A token limited to prefixes sees only the attendees it could create or delete: ExternalUserIds are sensitive.
  .get('/meetings/:meetingId/attendees', authorize('read'), meetingParam, withUpstream, async (c) => {
    const { meetingId } = c.req.valid('param');
    const { client } = c.get('services');
    const listed = await listAttendees(client, meetingId, c.get('upstream'));
    const Attendees = listed.filter((attendee) => inScope(c.get('token'), attendee.ExternalUserId));
    c.get('log').listed = Attendees.length;
    return c.json({ Attendees }, 200);
  });
